using CvTailor.Embeddings;
using CvTailor.Tests.Infrastructure;
using CvTailor.Tests.SentenceEncoder;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace CvTailor.Tests.Embeddings;

/// <summary>
/// The real Embeddings service (model endpoint + queue worker) on Kestrel at 127.0.0.1 on a free port, in this
/// process, against a test database. The local model is fetched first when the cache lacks it.
/// </summary>
public sealed class EmbeddingsServer : IAsyncDisposable
{
    static readonly Lazy<UseLiteModelFixture> s_model = new(() => new UseLiteModelFixture());

    readonly WebApplication _app;

    EmbeddingsServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Makes sure the local model is in the cache (fetching it once per test run).</summary>
    public static string EnsureModel() => s_model.Value.ModelDirectory;

    /// <param name="connectionString">The database the worker consumes (and the Api writes).</param>
    /// <param name="storageRoot">The Api's <c>Storage:Root</c>, for attached files.</param>
    public static async Task<EmbeddingsServer> StartAsync(
        string connectionString, string? storageRoot = null, Dictionary<string, string?>? overrides = null)
    {
        EnsureModel();
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:cvtailor"] = connectionString,
            ["Storage:Root"] = storageRoot ?? Path.GetTempPath(),
            ["Embeddings:Worker:PollInterval"] = "00:00:01",
            ["Embeddings:Worker:Lease"] = "00:00:30",
            ["Embeddings:Worker:BaseBackoff"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Database:ProbeTimeout"] = TestDatabase.SharedClusterProbeTimeout,
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmbeddingsApplication).Assembly.GetName().Name,
            EnvironmentName = "Development",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddCvTailorEmbeddings();
        var app = builder.Build();
        app.UseCvTailorEmbeddings();
        await app.StartAsync();
        return new EmbeddingsServer(app, app.ListeningAddress());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
