using System.Collections.Concurrent;
using CvTailor.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CvTailor.Tests.Api.Artifacts;

/// <summary>
/// A small real web site on Kestrel (a loopback address, a free port) standing in for the sites evidence links point
/// at, and for the GitHub REST API under <c>/gh/</c>. It counts requests per method and path, so tests see what the
/// checker actually sent.
/// <list type="bullet">
/// <item><c>/ok</c> 200 (with a cookie the checker must not keep), <c>/missing</c> 404, <c>/status/{code}/{tag}</c> that code,</item>
/// <item><c>/redirect/{n}</c> a chain of n redirects ending at <c>/ok</c>, <c>/redirect-to?target=…</c> one redirect anywhere,</item>
/// <item><c>/no-head</c> 405 for HEAD and 200 for GET, <c>/slow</c> answers after a minute (or when the client gives up),</item>
/// <item><c>/gate/{tag}</c> answers 200 once the test calls <see cref="Open"/>.</item>
/// </list>
/// </summary>
public sealed class EvidenceSite : IAsyncDisposable
{
    public const string GitHubToken = "test-token-0123456789";

    readonly WebApplication _app;
    readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    readonly ConcurrentQueue<string?> _gitHubAuthorizations = new();
    readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new(StringComparer.Ordinal);

    EvidenceSite(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What the GitHub stand-in received as <c>Authorization</c>, one entry per request.</summary>
    public IReadOnlyCollection<string?> GitHubAuthorizations => _gitHubAuthorizations;

    public Uri GitHubApiBase => new(BaseAddress, "/gh/");

    public string Url(string path) => new Uri(BaseAddress, path).AbsoluteUri;

    /// <summary>Lets requests to <c>/gate/{tag}</c> answer (200); until then they wait.</summary>
    public void Open(string tag) => Gate(tag).TrySetResult();

    TaskCompletionSource Gate(string tag) => _gates.GetOrAdd(tag, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public int Hits(string method, string path) => _hits.TryGetValue($"{method} {path}", out var n) ? n : 0;

    public static async Task<EvidenceSite> StartAsync(string address = "127.0.0.1")
    {
        var app = LoopbackWebApp.CreateSlim(address);
        var site = new EvidenceSite(app);
        app.Use(async (context, next) =>
        {
            site._hits.AddOrUpdate($"{context.Request.Method} {context.Request.Path}", 1, (_, n) => n + 1);
            await next(context);
        });

        app.MapMethods("/ok", ["GET", "HEAD"], (HttpContext c) =>
        {
            c.Response.Headers.SetCookie = "session=secret; HttpOnly";
            c.Response.Headers.ETag = "\"v1\"";
            return Results.Text("fine", "text/html");
        });
        app.MapMethods("/missing", ["GET", "HEAD"], () => Results.NotFound());
        app.MapMethods("/status/{code:int}/{tag}", ["GET", "HEAD"], (int code) => Results.StatusCode(code));
        app.MapMethods("/redirect/{n:int}", ["GET", "HEAD"], (int n) => Results.Redirect(n <= 1 ? "/ok" : $"/redirect/{n - 1}"));
        app.MapMethods("/redirect-to", ["GET", "HEAD"], (string target) => Results.Redirect(target));
        app.MapMethods("/no-head", ["GET", "HEAD"], (HttpContext c) =>
            HttpMethods.IsHead(c.Request.Method) ? Results.StatusCode(StatusCodes.Status405MethodNotAllowed) : Results.Text("body never read"));
        app.MapMethods("/gate/{tag}", ["GET", "HEAD"], async (string tag, HttpContext c) =>
        {
            await site.Gate(tag).Task.WaitAsync(c.RequestAborted);
            return Results.Ok();
        });
        app.MapMethods("/slow", ["GET", "HEAD"], async (HttpContext c) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(1), c.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The checker gave up, as it should.
            }
            return Results.Ok();
        });

        app.MapGet("/gh/repos/{owner}/{repo}", (string owner, string repo, HttpContext c) =>
        {
            site._gitHubAuthorizations.Enqueue(c.Request.Headers.Authorization.FirstOrDefault());
            return repo == "gone"
                ? Results.NotFound(new { message = "Not Found" })
                : Results.Json(new
                {
                    name = repo, description = $"{owner}'s {repo}", language = "C#", stargazers_count = 42, forks_count = 7,
                    created_at = "2024-01-02T03:04:05Z", updated_at = "2026-11-01T00:00:00Z", topics = new[] { "dotnet", "cv" },
                    default_branch = "main", size = 1234, open_issues_count = 3,
                    languages_url = "https://elsewhere.invalid/never-followed",
                });
        });
        app.MapGet("/gh/repos/{owner}/{repo}/languages", (HttpContext c) =>
        {
            site._gitHubAuthorizations.Enqueue(c.Request.Headers.Authorization.FirstOrDefault());
            return Results.Json(new Dictionary<string, int> { ["C#"] = 9000, ["Shell"] = 120 });
        });
        app.MapGet("/gh/repos/{owner}/{repo}/commits", (HttpContext c) =>
        {
            site._gitHubAuthorizations.Enqueue(c.Request.Headers.Authorization.FirstOrDefault());
            var perPage = c.Request.Query["per_page"].ToString();
            return Results.Json(Enumerable.Range(1, 8).Take(int.TryParse(perPage, out var n) ? n : 30).Select(i => new
            {
                sha = $"{i:x2}abcdef0123456789",
                commit = new { message = $"Commit {i}", author = new { name = "Ada", date = $"2026-10-{i:00}T12:00:00Z" } },
            }));
        });

        await app.StartAsync();
        site.BaseAddress = app.ListeningAddress();
        return site;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
