using CvTailor.LocalPostgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using CvTailor.AppHost.Supervision;

namespace CvTailor.AppHost.Postgres;

/// <summary>
/// PostgreSQL with pgvector in both worlds: Aspire's PostgreSQL container on the pgvector image when a container
/// runtime answers (and always when publishing), else <see cref="LocalPostgresResource"/> from the machine's binaries.
/// </summary>
public static class PgVectorPostgresExtensions
{
    public const string Image = "pgvector/pgvector";
    public const string Tag = "pg17";

    public static PgVectorPostgres AddPgVectorPostgres(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var mode = builder.Configuration.GetValue("Postgres:Mode", PostgresMode.Auto);
        if (builder.ExecutionContext.IsPublishMode)
        {
            return new PgVectorPostgres(builder.AddPostgres(name).WithImage(Image, Tag).WithDataVolume(), null);
        }

        var runtime = mode != PostgresMode.Local && ContainerRuntime.AnswersAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (mode == PostgresMode.Docker && !runtime)
        {
            throw new StartupFailureException(name,
                "Postgres:Mode is Docker but no container runtime answers ('docker info' failed); start Docker, or run with --Postgres:Mode=Local");
        }
        if (runtime)
        {
            return new PgVectorPostgres(builder.AddPostgres(name).WithImage(Image, Tag).WithDataVolume(), null);
        }
        return new PgVectorPostgres(null, builder.AddLocalPostgres(name));
    }

    static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name)
    {
        var options = new PostgresLauncherOptions
        {
            StateDirectory = Path.Combine(AppHostPaths.DataDirectory(builder), name),
            Port = builder.Configuration.GetValue($"AppHost:Ports:{name}", 0),
        };
        LocalPostgresCluster cluster;
        try
        {
            // Provisioning (first run only), password, port and initdb; the server itself is the orchestrator's child.
            cluster = LocalPostgresServer.PrepareAsync(options, line => Console.WriteLine($"{name}: {line}"), CancellationToken.None)
                .GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is InvalidOperationException or PlatformNotSupportedException or IOException)
        {
            throw new StartupFailureException(name, ex.Message);
        }

        var wrapper = PostgresBinaries.FindRepoFile(Path.Combine("eng", "run-postgres.sh"))
            ?? throw new StartupFailureException(name, "eng/run-postgres.sh was not found above the AppHost; run it from the repository");
        var password = builder.AddParameter($"{name}-password", cluster.Password, secret: true);
        var resource = new LocalPostgresResource(name, cluster, password.Resource);

        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(cluster.GetConnectionString(), name: healthCheck);
        return builder.AddResource(resource)
            .WithArgs([wrapper, .. cluster.SupervisedCommandLine()])
            .WithEndpoint(port: cluster.Port, targetPort: cluster.Port, scheme: "tcp", name: LocalPostgresResource.EndpointName, isProxied: false)
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(healthCheck);
    }
}

/// <summary>The server and how to add its databases, whichever world it runs in.</summary>
public sealed class PgVectorPostgres(IResourceBuilder<PostgresServerResource>? container, IResourceBuilder<LocalPostgresResource>? local)
{
    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name)
    {
        if (container is not null)
        {
            return container.AddDatabase(name);
        }
        var server = local!;
        var builder = server.ApplicationBuilder;
        var database = new LocalPostgresDatabaseResource(name, name, server.Resource);
        var cluster = server.Resource.Cluster;
        // The orchestrator mirrors a parent's state onto children of containers only; this child reports its own.
        builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, async (e, ct) =>
        {
            await PostgresAdmin.CreateDatabaseIfMissingAsync(cluster.GetConnectionString(), database.DatabaseName, ct);
            await e.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database, s => s with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            });
        });
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(cluster.GetConnectionString(database.DatabaseName), name: healthCheck);
        return builder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [],
            })
            .WithIconName("Database")
            .WithHealthCheck(healthCheck);
    }
}
