using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CvTailor.Api;
using CvTailor.LocalPostgres;
using CvTailor.Data;
using CvTailor.Embeddings;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CvTailor.Bench.Embeddings;

/// <summary>
/// A throwaway PostgreSQL cluster (the AppHost's launcher), migrated, with the Api and the Embeddings service
/// running in this process on Kestrel (loopback, free ports), wired as the AppHost wires them.
/// </summary>
internal sealed class BenchHosts : IAsyncDisposable
{
    readonly LocalPostgresServer _postgres;
    readonly string _state;
    readonly string _storage;
    readonly List<WebApplication> _apps = [];

    BenchHosts(LocalPostgresServer postgres, string state, string storage, string connectionString)
    {
        _postgres = postgres;
        _state = state;
        _storage = storage;
        ConnectionString = connectionString;
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        Data = builder.Build();
    }

    public string ConnectionString { get; }
    public NpgsqlDataSource Data { get; }
    public LocalPostgresServer Postgres => _postgres;
    public Uri ApiAddress { get; private set; } = null!;
    public Uri EmbeddingsAddress { get; private set; } = null!;

    public static async Task<BenchHosts> StartAsync(bool worker, TextWriter output, CancellationToken ct, Action<IServiceCollection>? apiServices = null)
    {
        var state = Path.Combine(Path.GetTempPath(), $"cvtailor-bench-pg-{Guid.NewGuid():N}");
        var postgres = await LocalPostgresServer.StartAsync(
            new PostgresLauncherOptions { StateDirectory = state, Ephemeral = true }, _ => { }, ct);
        await postgres.CreateDatabaseAsync("bench", ct);
        // The services' own settings (prepared statements, timeouts), so each endpoint's data access is timed as it runs.
        var connection = new DatabaseResilienceOptions().Apply(postgres.GetConnectionString("bench"));
        await DatabaseMigrator.MigrateAsync(connection, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, ct);
        var storage = Path.Combine(Path.GetTempPath(), $"cvtailor-bench-media-{Guid.NewGuid():N}");
        Directory.CreateDirectory(storage);
        var hosts = new BenchHosts(postgres, state, storage, connection);

        var common = new Dictionary<string, string?>
        {
            [CvTailorDatabase.ConfigurationKey] = connection,
            ["Storage:Root"] = storage,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var embeddings = await hosts.StartAsync(typeof(EmbeddingsApplication), new(common)
        {
            ["Embeddings:Worker:Enabled"] = worker ? "true" : "false",
            ["Embeddings:Worker:PollInterval"] = "00:00:05",
        }, b => b.AddCvTailorEmbeddings(), a => a.UseCvTailorEmbeddings());
        hosts.EmbeddingsAddress = embeddings;
        hosts.ApiAddress = await hosts.StartAsync(typeof(ApiApplication), new(common)
        {
            ["Auth:Jwt:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["Auth:Passwords:Iterations"] = "10000",
            ["Api:RateLimits:Auth:PermitLimit"] = "100000",
            ["Evidence:AllowedHosts:0"] = "127.0.0.1", // evidence-link checks stay on this machine
            ["services:embeddings:http:0"] = embeddings.ToString().TrimEnd('/'),
        }, b =>
        {
            b.AddCvTailorApi();
            apiServices?.Invoke(b.Services);
        }, a => a.UseCvTailorApi());
        await output.WriteLineAsync($"# PostgreSQL {postgres.Port}, Api {hosts.ApiAddress}, Embeddings {embeddings} (worker {(worker ? "on" : "off")})");
        return hosts;
    }

    async Task<Uri> StartAsync(Type marker, Dictionary<string, string?> settings, Action<WebApplicationBuilder> add, Action<WebApplication> use)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = marker.Assembly.GetName().Name,
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        add(builder);
        var app = builder.Build();
        use(app);
        await app.StartAsync();
        _apps.Add(app);
        return new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>A registered user and a client sending its access token.</summary>
    public async Task<(HttpClient Client, long UserId)> CreateUserAsync(CancellationToken ct)
    {
        var client = new HttpClient { BaseAddress = ApiAddress };
        var email = $"bench-{Guid.NewGuid():N}@example.com";
        using var response = await client.PostAsJsonAsync("/api/v1/auth/register/",
            new { email, password = "Corr3ct-Horse-Battery", password_confirm = "Corr3ct-Horse-Battery", first_name = "B", last_name = "U" }, ct);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json["access"]!.GetValue<string>());
        return (client, json["user"]!["id"]!.GetValue<long>());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in Enumerable.Reverse(_apps))
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        await Data.DisposeAsync();
        await _postgres.DisposeAsync();
        TryDelete(_storage);
        TryDelete(_state);
    }

    static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
