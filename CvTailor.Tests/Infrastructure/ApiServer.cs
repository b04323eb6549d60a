using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CvTailor.Api;
using CvTailor.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace CvTailor.Tests.Infrastructure;

/// <summary>
/// The real Api on Kestrel (127.0.0.1, a free port) over a fresh migrated database from the shared test cluster.
/// <para>Use:</para>
/// <code>
/// // one server per test class:
/// public sealed class MyTests(ApiServerFixture api) : IClassFixture&lt;ApiServerFixture&gt; { ... api.Server ... }
/// // or one with its own settings:
/// await using var server = await ApiServer.StartAsync(new() { ["Api:RateLimits:Auth:PermitLimit"] = "3" });
///
/// var (client, session) = await server.CreateUserClientAsync();    // a registered user with a Bearer client
/// var response = await client.GetAsync("/api/v1/auth/profile/");
/// var json = await response.ReadJsonAsync();                        // JsonNode (see HttpJson)
/// await using var db = server.CreateDbContext();                     // look at the rows directly
/// </code>
/// Defaults (override any key through the settings): a random JWT signing key, fast password hashing (10,000
/// iterations), auth and refresh-per-address rate limits high enough not to interfere, a temporary storage root (deleted on dispose),
/// the Development environment (OpenAPI/Scalar on), warnings-only logging, evidence-link checks limited to 127.0.0.1
/// (and refused there too unless <c>Evidence:AllowPrivateNetworks</c> is set).
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    public const string DefaultPassword = "Corr3ct-Horse-Battery";

    readonly WebApplication _app;
    readonly NpgsqlDataSource _dataSource;

    ApiServer(WebApplication app, Uri baseAddress, string connectionString, string storageRoot, IReadOnlyDictionary<string, string?> settings)
    {
        _app = app;
        BaseAddress = baseAddress;
        ConnectionString = connectionString;
        StorageRoot = storageRoot;
        Settings = settings;
        var dataSource = new NpgsqlDataSourceBuilder(connectionString);
        dataSource.UseVector();
        _dataSource = dataSource.Build();
        Client = CreateClient();
    }

    public Uri BaseAddress { get; }
    public string ConnectionString { get; }
    public string StorageRoot { get; }

    /// <summary>The effective test settings (defaults plus overrides).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>An anonymous client.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="connectionString">A migrated database of the caller's own; a fresh one from the shared cluster when null.</param>
    public static async Task<ApiServer> StartAsync(
        Dictionary<string, string?>? overrides = null, string environment = "Development", string? connectionString = null)
    {
        connectionString ??= await TestPostgres.CreateDatabaseAsync("api");
        var storageRoot = Path.Combine(Path.GetTempPath(), $"cvtailor-api-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(storageRoot);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:cvtailor"] = connectionString,
            ["Auth:Jwt:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["Auth:Passwords:Iterations"] = "10000",
            ["Api:RateLimits:Auth:PermitLimit"] = "100000",
            ["Api:RateLimits:Refresh:PermitLimit"] = "100000",
            ["Storage:Root"] = storageRoot,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            // Evidence-link checks never leave the machine in tests: any other host is refused without a lookup.
            ["Evidence:AllowedHosts:0"] = "127.0.0.1",
            // Many servers share one busy test host: a probe delayed by a starved thread pool must not declare the
            // shared cluster down for everyone. The outage tests use the production timeout.
            ["Database:ProbeTimeout"] = TestDatabase.SharedClusterProbeTimeout,
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ApiApplication).Assembly.GetName().Name,
            EnvironmentName = environment,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddCvTailorApi();
        var app = builder.Build();
        app.UseCvTailorApi();
        await app.StartAsync();

        return new ApiServer(app, app.ListeningAddress(), connectionString, storageRoot, settings);
    }

    public HttpClient CreateClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    public HttpClient CreateAuthenticatedClient(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public CvTailorDbContext CreateDbContext() => new(TestPostgres.DbContextOptions(_dataSource));

    /// <summary>Registers a new user (a unique email unless given) and returns its tokens.</summary>
    public async Task<AuthSession> RegisterAsync(string? email = null, string password = DefaultPassword)
    {
        email ??= $"user-{Guid.NewGuid():N}@example.com";
        using var response = await Client.PostAsJsonAsync("/api/v1/auth/register/",
            new { email, password, password_confirm = password, first_name = "Test", last_name = "User" });
        return await SessionFromAsync(response, email, password, HttpStatusCode.Created);
    }

    public async Task<AuthSession> LoginAsync(string email, string password = DefaultPassword)
    {
        using var response = await Client.PostAsJsonAsync("/api/v1/auth/login/", new { email, password });
        return await SessionFromAsync(response, email, password, HttpStatusCode.OK);
    }

    /// <summary>A new user and a client that sends its access token.</summary>
    public async Task<(HttpClient Client, AuthSession Session)> CreateUserClientAsync()
    {
        var session = await RegisterAsync();
        return (CreateAuthenticatedClient(session.Access), session);
    }

    static async Task<AuthSession> SessionFromAsync(HttpResponseMessage response, string email, string password, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        }
        var json = JsonNode.Parse(body)!;
        return new AuthSession(
            json["user"]!["id"]!.GetValue<long>(), email, password, json["access"]!.GetValue<string>(), json["refresh"]!.GetValue<string>());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _dataSource.DisposeAsync();
        try
        {
            Directory.Delete(StorageRoot, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the directory is under the temp root.
        }
    }
}

/// <summary>A signed-in user as the tests see it.</summary>
public sealed record AuthSession(long UserId, string Email, string Password, string Access, string Refresh);

/// <summary>One <see cref="ApiServer"/> per test class (<c>IClassFixture&lt;ApiServerFixture&gt;</c>).</summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    public ApiServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ApiServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
