using System.Security.Cryptography;
using CvTailor.Api;
using CvTailor.LocalPostgres;
using CvTailor.Data;
using CvTailor.Embeddings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace CvTailor.Bench.Api;

/// <summary>
/// A throwaway PostgreSQL cluster (the AppHost's launcher) and the real Api on Kestrel at 127.0.0.1, in this process,
/// configured as in production except for the settings a scenario passes (rate limits are lifted: the bench measures
/// the work, not the brake).
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    readonly LocalPostgresServer _postgres;
    readonly WebApplication _app;
    WebApplication? _embeddings;
    readonly string _stateDirectory;

    BenchHost(LocalPostgresServer postgres, WebApplication app, string stateDirectory, Uri baseAddress, string connectionString)
    {
        ConnectionString = connectionString;
        _postgres = postgres;
        _app = app;
        _stateDirectory = stateDirectory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The Embeddings service beside the Api, when started with it.</summary>
    public Uri? EmbeddingsAddress => _embeddings is null ? null
        : new Uri(_embeddings.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>The bench database, for reading back what the Api wrote.</summary>
    public string ConnectionString { get; }

    /// <param name="settings">Api settings over the defaults.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="embeddings">Also run the Embeddings service (and its worker) in this process and point the Api at
    /// it, for scenarios that need chunk vectors and query embeddings (search, match).</param>
    public static async Task<BenchHost> StartAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken ct, bool embeddings = false)
    {
        var state = Path.Combine(Path.GetTempPath(), $"cvtailor-bench-{Guid.NewGuid():N}");
        var postgres = await LocalPostgresServer.StartAsync(
            new PostgresLauncherOptions { StateDirectory = Path.Combine(state, "pg"), Ephemeral = true }, _ => { }, ct);
        await postgres.CreateDatabaseAsync(CvTailorDatabase.ConnectionName, ct);
        // The services' own settings (prepared statements, timeouts), so each endpoint's data access is timed as it runs.
        var connectionString = new DatabaseResilienceOptions().Apply(postgres.GetConnectionString(CvTailorDatabase.ConnectionName));
        await DatabaseMigrator.MigrateAsync(connectionString, NullLogger.Instance, ct);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ApiApplication).Assembly.GetName().Name,
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [CvTailorDatabase.ConfigurationKey] = connectionString,
            ["Auth:Jwt:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["Api:RateLimits:Auth:PermitLimit"] = "1000000",
            ["Storage:Root"] = Path.Combine(state, "media"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Evidence:AllowedHosts:0"] = "127.0.0.1", // evidence-link checks stay on this machine…
            ["Evidence:AllowPrivateNetworks"] = "true", // …where the artifact-processing scenario's site runs
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        WebApplication? embeddingsApp = null;
        if (embeddings)
        {
            var eb = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                ApplicationName = typeof(EmbeddingsApplication).Assembly.GetName().Name,
                EnvironmentName = "Production",
                ContentRootPath = AppContext.BaseDirectory,
            });
            eb.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [CvTailorDatabase.ConfigurationKey] = connectionString,
                ["Storage:Root"] = Path.Combine(state, "media"),
                ["Logging:LogLevel:Default"] = "Warning",
                ["Embeddings:Worker:Enabled"] = "true",
                ["Embeddings:Worker:PollInterval"] = "00:00:05",
            });
            eb.WebHost.UseUrls("http://127.0.0.1:0");
            eb.AddCvTailorEmbeddings();
            embeddingsApp = eb.Build();
            embeddingsApp.UseCvTailorEmbeddings();
            await embeddingsApp.StartAsync(ct);
            all["services:embeddings:http:0"] = embeddingsApp.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }
        builder.Configuration.AddInMemoryCollection(all);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddCvTailorApi();
        var app = builder.Build();
        app.UseCvTailorApi();
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchHost(postgres, app, state, new Uri(address), connectionString) { _embeddings = embeddingsApp };
    }

    public HttpClient CreateClient() => new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_embeddings is not null)
        {
            await _embeddings.StopAsync();
            await _embeddings.DisposeAsync();
        }
        await _postgres.StopAsync(TimeSpan.FromSeconds(10));
        await _postgres.DisposeAsync();
        try
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Under the temp root; best effort.
        }
    }
}
