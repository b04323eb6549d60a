using System.Reflection;
using System.Xml.Linq;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using CvTailor.Api;
using CvTailor.Data;
using CvTailor.Embeddings;
using CvTailor.LocalPostgres;
using CvTailor.RankingEvaluation;
using CvTailor.SentenceEncoder;
using CvTailor.SqliteTransfer.Cli;
using CvTailor.Tests.AppHost;
using CvTailor.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;

namespace CvTailor.Tests.Architecture;

/// <summary>
/// The structure docs/architecture.md describes, held by the compiled code: the Api's areas use each other without
/// cycles, and the projects depend on each other only in the allowed directions. Run with
/// <c>--logger "console;verbosity=detailed"</c> to print the area graph (text and mermaid) for the docs.
/// </summary>
public sealed class ArchitectureTests(ITestOutputHelper output)
{
    static readonly Assembly Api = typeof(ApiApplication).Assembly;
    static readonly Assembly Data = typeof(CvTailorDatabase).Assembly;
    static readonly Assembly Embeddings = typeof(EmbeddingsApplication).Assembly;
    static readonly Assembly SentenceEncoder = typeof(UseLiteModel).Assembly;
    static readonly Assembly SqliteTransfer = typeof(SqliteTransferCli).Assembly;
    static readonly Assembly ServiceDefaults = typeof(CvTailorTelemetry).Assembly;
    static readonly Assembly LocalPostgres = typeof(PostgresBinaries).Assembly;
    static readonly Assembly RankingEvaluation = typeof(RelevanceDevSet).Assembly;

    /// <summary>Our assemblies as ArchUnitNET reads them from their IL (loaded once for all tests here).</summary>
    static readonly Lazy<ArchitectureModel> Code = new(() => new ArchLoader()
        .LoadAssemblies(Api, Data, Embeddings, SentenceEncoder, SqliteTransfer, ServiceDefaults, LocalPostgres, RankingEvaluation)
        .Build());

    [Fact]
    public void Api_areas_use_each_other_without_cycles()
    {
        var graph = new AreaGraph();
        foreach (var type in Code.Value.Types.Where(t => t.Assembly.FullName == Api.FullName))
        {
            if (AreaGraph.AreaOf(type.Namespace?.FullName) is not { } from)
            {
                continue;
            }

            graph.AddArea(from);
            foreach (var dependency in type.Dependencies)
            {
                // Targets outside the loaded assemblies (and generic parameters) may come without a namespace.
                if (dependency.Target is { } target && AreaGraph.AreaOf(target.Namespace?.FullName) is { } to)
                {
                    graph.Add(from, to, $"{type.FullName} uses {target.FullName}");
                }
            }
        }

        output.WriteLine("Api areas by their compiled dependencies (IL):\n" + graph.ToText() + "\n\n" + graph.ToMermaid());
        Assert.True(graph.Areas.Count >= 10, $"only {graph.Areas.Count} areas found: {string.Join(", ", graph.Areas)}");
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, "Api areas in a cycle (move the shared part into an area both can use):\n"
            + string.Join("\n", cycles.Select(graph.Describe)));
    }

    [Fact]
    public void Api_areas_by_their_using_directives_have_no_cycles()
    {
        var graph = AreaGraph.FromUsingDirectives(Path.Combine(AppHostProcess.RepositoryRoot, "CvTailor.Api"));
        output.WriteLine("Api areas by their using directives:\n" + graph.ToText() + "\n\n" + graph.ToMermaid());
        Assert.Contains("Generation", graph.Areas);
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, "Api areas whose using directives form a cycle:\n" + string.Join("\n", cycles.Select(graph.Describe)));
    }

    [Fact]
    public void Data_depends_on_no_service()
    {
        Types().That().ResideInAssembly(Data)
            .Should().NotDependOnAny(Types().That().ResideInAssembly(Api, Embeddings, SqliteTransfer))
            .Because("the services share the schema, so it cannot know any of them")
            .Check(Code.Value);
        AssertNoProjectReference("CvTailor.Data", "CvTailor.Api", "CvTailor.Embeddings", "CvTailor.SqliteTransfer");
    }

    [Fact]
    public void The_sentence_encoder_depends_on_nothing_of_ours()
    {
        Types().That().ResideInAssembly(SentenceEncoder)
            .Should().NotDependOnAny(Types().That().ResideInAssembly(Api, Data, Embeddings, SqliteTransfer, ServiceDefaults, LocalPostgres))
            .Because("it is a library of the model alone (load, embed, model info)")
            .Check(Code.Value);
        AssertNoProjectReference("CvTailor.SentenceEncoder", "CvTailor.Api", "CvTailor.Data", "CvTailor.Embeddings",
            "CvTailor.SqliteTransfer", "CvTailor.ServiceDefaults", "CvTailor.LocalPostgres");
    }

    [Fact]
    public void The_api_and_the_embeddings_service_do_not_depend_on_each_other()
    {
        Types().That().ResideInAssembly(Api)
            .Should().NotDependOnAny(Types().That().ResideInAssembly(Embeddings))
            .Because("they talk over HTTP and the database only")
            .Check(Code.Value);
        Types().That().ResideInAssembly(Embeddings)
            .Should().NotDependOnAny(Types().That().ResideInAssembly(Api))
            .Because("they talk over HTTP and the database only")
            .Check(Code.Value);
        AssertNoProjectReference("CvTailor.Api", "CvTailor.Embeddings");
        AssertNoProjectReference("CvTailor.Embeddings", "CvTailor.Api");
    }

    [Fact]
    public void The_tests_do_not_reference_the_bench()
    {
        Assert.DoesNotContain(typeof(ArchitectureTests).Assembly.GetReferencedAssemblies(), a => a.Name == "CvTailor.Bench");
        AssertNoProjectReference("CvTailor.Tests", "CvTailor.Bench");
        AssertNoProjectReference("CvTailor.RankingEvaluation", "CvTailor.Bench");
    }

    /// <summary>
    /// The project (and everything it references, transitively) has no ProjectReference to any of
    /// <paramref name="forbidden"/>: the rule holds before any code uses the reference.
    /// </summary>
    static void AssertNoProjectReference(string project, params string[] forbidden)
    {
        var root = AppHostProcess.RepositoryRoot;
        var start = Directory.EnumerateFiles(root, project + ".csproj", SearchOption.AllDirectories).Single();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal) { [Path.GetFullPath(start)] = project };
        var queue = new Queue<string>([Path.GetFullPath(start)]);
        while (queue.Count > 0)
        {
            var file = queue.Dequeue();
            foreach (var reference in XDocument.Load(file).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar);
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, include));
                var name = Path.GetFileNameWithoutExtension(target);
                Assert.False(forbidden.Contains(name, StringComparer.Ordinal),
                    $"{project} references {name} (through {Path.GetFileNameWithoutExtension(file)})");
                if (seen.TryAdd(target, name))
                {
                    queue.Enqueue(target);
                }
            }
        }
    }
}

/// <summary>The Api's handlers return typed results, so the OpenAPI document can list every answer they give.</summary>
public sealed class TypedHandlerTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public void No_api_handler_returns_an_untyped_IResult()
    {
        var handlers = api.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => (Endpoint: e, Method: e.Metadata.GetMetadata<MethodInfo>()))
            .Where(h => h.Method is not null && h.Method.DeclaringType?.Assembly == typeof(ApiApplication).Assembly)
            .ToList();
        Assert.True(handlers.Count > 60, $"only {handlers.Count} handlers found");

        var untyped = handlers.Where(h => Unwrapped(h.Method!.ReturnType) == typeof(IResult))
            .Select(h => $"{h.Endpoint.DisplayName}: {h.Method!.DeclaringType!.FullName}.{h.Method.Name}")
            .ToList();
        Assert.True(untyped.Count == 0, "handlers returning an untyped IResult (return TypedResults or a Results<…> union):\n"
            + string.Join("\n", untyped));
    }

    static System.Type Unwrapped(System.Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? type.GetGenericArguments()[0]
            : type;
}
