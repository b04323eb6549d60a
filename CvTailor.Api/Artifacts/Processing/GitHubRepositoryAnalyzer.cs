using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Artifacts.Processing;

/// <summary>
/// The contract's GitHub analysis of a <c>github</c> link on github.com: <c>repos/{owner}/{repo}</c>, its languages
/// and the five latest commits through the REST API at <see cref="EvidenceOptions.GitHubApiBaseUrl"/>, giving
/// <c>{name, description, language, languages, stars, forks, created_at, updated_at, topics, recent_commits[{sha,
/// message, date, author}], default_branch, size, open_issues}</c> or <c>{error}</c>. URLs are always built from the
/// configured base (never taken from a response), so the analysis cannot be steered elsewhere.
/// </summary>
public sealed partial class GitHubRepositoryAnalyzer(
    IHttpClientFactory clients, IOptions<EvidenceOptions> options, NetworkGuard guard, ILogger<GitHubRepositoryAnalyzer> logger)
{
    public const string HttpClientName = "github-api";

    /// <summary>Owner and repository of a github.com URL (<c>https://github.com/owner/repo[.git][/…]</c>), or null.</summary>
    public static (string Owner, string Repo)? ParseRepository(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !(uri.IdnHost.Equals("github.com", StringComparison.OrdinalIgnoreCase) || uri.IdnHost.Equals("www.github.com", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2)
        {
            return null;
        }
        var repo = segments[1].EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? segments[1][..^4] : segments[1];
        return NamePattern().IsMatch(segments[0]) && NamePattern().IsMatch(repo) ? (segments[0], repo) : null;
    }

    public async Task<JsonObject> AnalyzeAsync(string owner, string repo, CancellationToken ct)
    {
        using var activity = EvidenceTelemetry.Source.StartActivity(TelemetryNames.Spans.GitHubAnalysis);
        // The API's address comes from configuration, not from users, so only the host list applies: with
        // Evidence:AllowedHosts set (tests, benches, locked-down deployments) nothing outside it is contacted.
        if (!guard.IsHostAllowed(options.Value.GitHubApiBaseUrl.IdnHost))
        {
            activity?.SetStatus(ActivityStatusCode.Error, "host not allowed");
            return new JsonObject { ["error"] = NetworkGuard.RefusedHost };
        }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(options.Value.GitHubTimeout);
        var client = clients.CreateClient(HttpClientName);
        var root = $"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(repo)}";
        try
        {
            using var repository = await GetAsync(client, root, limit.Token);
            if (repository.Error is not null)
            {
                activity?.SetStatus(ActivityStatusCode.Error, "repository");
                return new JsonObject { ["error"] = repository.Error };
            }
            var r = repository.Json!.RootElement;
            using var languages = await GetAsync(client, root + "/languages", limit.Token);
            using var commits = await GetAsync(client, root + "/commits?per_page=5", limit.Token);
            return new JsonObject
            {
                ["name"] = Text(r, "name"),
                ["description"] = Text(r, "description"),
                ["language"] = Text(r, "language"),
                ["languages"] = languages.Json is { RootElement.ValueKind: JsonValueKind.Object } l ? JsonNode.Parse(l.RootElement.GetRawText()) : new JsonObject(),
                ["stars"] = Number(r, "stargazers_count"),
                ["forks"] = Number(r, "forks_count"),
                ["created_at"] = Text(r, "created_at"),
                ["updated_at"] = Text(r, "updated_at"),
                ["topics"] = r.TryGetProperty("topics", out var topics) && topics.ValueKind == JsonValueKind.Array
                    ? new JsonArray([.. topics.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => (JsonNode?)t.GetString())])
                    : new JsonArray(),
                ["recent_commits"] = Commits(commits.Json),
                ["default_branch"] = Text(r, "default_branch"),
                ["size"] = Number(r, "size"),
                ["open_issues"] = Number(r, "open_issues_count"),
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "timeout");
            return new JsonObject { ["error"] = string.Create(CultureInfo.InvariantCulture, $"GitHub did not answer within {options.Value.GitHubTimeout.TotalSeconds:0.#} s.") };
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            LogFailed(logger, ex.GetType().Name);
            return new JsonObject { ["error"] = "The GitHub API could not be read." };
        }
    }

    async Task<Answer> GetAsync(HttpClient client, string relative, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl(options.Value.GitHubApiBaseUrl), relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        if (options.Value.GitHubToken is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("token", token);
        }
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            return new Answer(null, string.Create(CultureInfo.InvariantCulture, $"GitHub API answered {(int)response.StatusCode}."));
        }
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        return new Answer(await JsonDocument.ParseAsync(body, cancellationToken: ct), null);
    }

    /// <summary>The base with a trailing slash, so relative paths append to it instead of replacing its last segment.</summary>
    static Uri BaseUrl(Uri configured) =>
        configured.AbsoluteUri.EndsWith('/') ? configured : new Uri(configured.AbsoluteUri + "/");

    static JsonArray Commits(JsonDocument? json)
    {
        var list = new JsonArray();
        if (json?.RootElement is not { ValueKind: JsonValueKind.Array } array)
        {
            return list;
        }
        foreach (var item in array.EnumerateArray().Take(5))
        {
            var sha = Text(item, "sha") ?? "";
            var commit = item.TryGetProperty("commit", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            var author = commit.ValueKind == JsonValueKind.Object && commit.TryGetProperty("author", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
            list.Add(new JsonObject
            {
                ["sha"] = sha.Length > 7 ? sha[..7] : sha,
                ["message"] = commit.ValueKind == JsonValueKind.Object ? Text(commit, "message") : null,
                ["date"] = author.ValueKind == JsonValueKind.Object ? Text(author, "date") : null,
                ["author"] = author.ValueKind == JsonValueKind.Object ? Text(author, "name") : null,
            });
        }
        return list;
    }

    static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    static long? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    sealed record Answer(JsonDocument? Json, string? Error) : IDisposable
    {
        public void Dispose() => Json?.Dispose();
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex NamePattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub analysis failed ({Reason})")]
    static partial void LogFailed(ILogger logger, string reason);
}
