using System.Net;
using System.Net.Http.Json;

namespace CvTailor.Bench.Api;

/// <summary>
/// One measured operation. <see cref="PrepareAsync"/> builds what the calls need (users, rows) and is not timed;
/// <see cref="CallAsync"/> is one timed request (return false for a wrong answer).
/// </summary>
public interface IApiScenario
{
    string Name { get; }

    Task PrepareAsync(BenchHost host, HttpClient client, int requests, CancellationToken ct);

    Task<bool> CallAsync(HttpClient client, int index, CancellationToken ct);
}

/// <summary>
/// A scenario whose own data access can run alone, the same way (same queries, same client library), so the
/// endpoint is reported against it in the same run.
/// </summary>
public interface IDataAccessBaseline
{
    Task<bool> DataAccessAsync(int index, CancellationToken ct);
}

/// <summary>A scenario that explains its figures (where the time went), reset before the timed run.</summary>
public interface IScenarioDiagnostics
{
    void Reset();

    Task<string> ReportAsync(int requests, CancellationToken ct);
}

/// <summary>The scenarios by name. Add a line per new scenario (artifact create, artifact list, ...).</summary>
public static class Scenarios
{
    public static IApiScenario? Create(string name, BenchOptions options) => name switch
    {
        "login" => new LoginScenario(),
        "artifact-create" => new ArtifactCreateScenario(),
        "artifact-list" => new ArtifactListScenario("artifact-list", ""),
        "artifact-processing" => new ArtifactProcessingScenario(
            TimeSpan.FromMilliseconds(options.FirstPollMilliseconds), TimeSpan.FromMilliseconds(options.PollMilliseconds), !options.IgnorePollHints),
        "search" => new SearchScenario(),
        "match" => new MatchScenario(),
        "artifact-list-filtered" => new ArtifactListScenario("artifact-list-filtered", "?search=billing&technologies=docker,kafka&start_date=2022-06-01"),
        _ => null,
    };
}

/// <summary>Shared set-up: registered users and their tokens.</summary>
public static class BenchUsers
{
    public const string Password = "Bench-Passw0rd-Long";

    public static async Task<IReadOnlyList<(string Email, string Access)>> RegisterAsync(HttpClient client, int count, CancellationToken ct)
    {
        var users = new List<(string, string)>(count);
        for (var i = 0; i < count; i++)
        {
            var email = $"bench-{i}-{Guid.NewGuid():N}@example.com";
            using var response = await client.PostAsJsonAsync("/api/v1/auth/register/",
                new { email, password = Password, password_confirm = Password }, ct);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"register failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }
            var body = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(ct);
            users.Add((email, body!["access"]!.GetValue<string>()));
        }
        return users;
    }
}

/// <summary>A2 login with email + password (dominated by password hashing, which is the point).</summary>
public sealed class LoginScenario : IApiScenario, IScenarioDiagnostics, IDisposable
{
    IReadOnlyList<(string Email, string Access)> _users = [];
    readonly RunResources _resources = new();

    public void Reset() => _resources.Start();

    public Task<string> ReportAsync(int requests, CancellationToken ct) => _resources.StopAsync(requests, "login");

    public void Dispose() => _resources.Dispose();

    public string Name => "login";

    public async Task PrepareAsync(BenchHost host, HttpClient client, int requests, CancellationToken ct) =>
        _users = await BenchUsers.RegisterAsync(client, 20, ct);

    public async Task<bool> CallAsync(HttpClient client, int index, CancellationToken ct)
    {
        var user = _users[index % _users.Count];
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login/", new { email = user.Email, password = BenchUsers.Password }, ct);
        return response.StatusCode == HttpStatusCode.OK;
    }
}
