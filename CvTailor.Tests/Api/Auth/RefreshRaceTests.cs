using System.Net;
using System.Net.Http.Json;
using CvTailor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CvTailor.Tests.Api.Auth;

/// <summary>
/// Refresh from parallel clients (the original React client refreshes from several requests at once): the reuse grace
/// window (<c>Auth:RefreshReuseGraceSeconds</c>), family revocation outside it, and the refresh rate limits.
/// </summary>
public sealed class RefreshRaceTests(ITestOutputHelper output)
{
    const string RefreshPath = "/api/v1/auth/token/refresh/";
    const int ParallelRefreshes = 8;

    [Fact]
    public async Task Parallel_refreshes_with_one_token_all_succeed_and_the_client_stays_logged_in()
    {
        await using var server = await ApiServer.StartAsync();
        var session = await server.RegisterAsync();

        using var start = new SemaphoreSlim(0);
        var calls = Enumerable.Range(0, ParallelRefreshes).Select(async _ =>
        {
            using var client = server.CreateClient();
            await start.WaitAsync();
            using var response = await client.PostAsJsonAsync(RefreshPath, new { refresh = session.Refresh });
            var json = await response.ReadJsonAsync();
            return (response.StatusCode, Access: json?["access"]?.GetValue<string>(), Refresh: json?["refresh"]?.GetValue<string>());
        }).ToList();
        start.Release(ParallelRefreshes);
        var results = await Task.WhenAll(calls);

        output.WriteLine($"{ParallelRefreshes} parallel refreshes: " + string.Join(", ", results.GroupBy(r => r.StatusCode).Select(g => $"{(int)g.Key}×{g.Count()}"))
                         + $"; distinct refresh tokens returned: {results.Select(r => r.Refresh).Distinct().Count()}");
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // Every caller holds the same live refresh token: the one the winning rotation issued.
        var refresh = Assert.Single(results.Select(r => r.Refresh).Distinct())!;
        Assert.NotEqual(session.Refresh, refresh);

        // Still logged in: every access token works, and the shared refresh token rotates on normally.
        foreach (var (_, access, _) in results)
        {
            using var client = server.CreateAuthenticatedClient(access!);
            using var profile = await client.GetAsync("/api/v1/auth/profile/");
            Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        }
        using var next = await server.Client.PostAsJsonAsync(RefreshPath, new { refresh });
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Reuse_after_the_grace_window_revokes_the_family()
    {
        await using var server = await ApiServer.StartAsync(new() { ["Auth:RefreshReuseGraceSeconds"] = "1" });
        var session = await server.RegisterAsync();
        var otherLogin = await server.LoginAsync(session.Email, session.Password);
        string second;
        using (var rotated = await server.Client.PostAsJsonAsync(RefreshPath, new { refresh = session.Refresh }))
        {
            Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
            second = (await rotated.ReadJsonAsync())!["refresh"]!.GetValue<string>();
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using (var replay = await server.Client.PostAsJsonAsync(RefreshPath, new { refresh = session.Refresh }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
            Assert.Equal("""{"detail":"Token is blacklisted","code":"token_not_valid"}""", await replay.Content.ReadAsStringAsync());
        }
        using (var successor = await server.Client.PostAsJsonAsync(RefreshPath, new { refresh = second }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, successor.StatusCode);
        }
        using var other = await server.Client.PostAsJsonAsync(RefreshPath, new { refresh = otherLogin.Refresh });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Logged_out_token_gets_no_grace()
    {
        await using var server = await ApiServer.StartAsync();
        var session = await server.RegisterAsync();
        using var client = server.CreateAuthenticatedClient(session.Access);
        using (var logout = await client.PostAsJsonAsync("/api/v1/auth/logout/", new { refresh = session.Refresh }))
        {
            Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        }
        using var replay = await server.Client.PostAsJsonAsync(RefreshPath, new { refresh = session.Refresh });
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [Fact]
    public async Task Refresh_is_rate_limited_per_client_address_with_retry_after()
    {
        await using var server = await ApiServer.StartAsync(new()
        {
            ["Api:RateLimits:Refresh:PermitLimit"] = "3",
            ["Api:RateLimits:Refresh:WindowSeconds"] = "300",
        });
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await server.Client.PostAsJsonAsync(RefreshPath, new { refresh = "not-a-token" });
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }
        using var throttled = await server.Client.PostAsJsonAsync(RefreshPath, new { refresh = "not-a-token" });
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        var retryAfter = int.Parse(Assert.Single(throttled.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 300);
        Assert.StartsWith("Request was throttled.", (await throttled.ReadJsonAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_is_rate_limited_per_token_family_with_retry_after()
    {
        await using var server = await ApiServer.StartAsync(new()
        {
            ["Api:RateLimits:RefreshFamily:PermitLimit"] = "2",
            ["Api:RateLimits:RefreshFamily:WindowSeconds"] = "300",
        });
        var session = await server.RegisterAsync();
        var otherLogin = await server.LoginAsync(session.Email, session.Password);
        var refresh = session.Refresh;
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await server.Client.PostAsJsonAsync(RefreshPath, new { refresh });
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            refresh = (await allowed.ReadJsonAsync())!["refresh"]!.GetValue<string>();
        }
        using (var throttled = await server.Client.PostAsJsonAsync(RefreshPath, new { refresh }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            Assert.True(throttled.Headers.RetryAfter is not null, "no Retry-After header");
        }
        // Another family (another login) of the same user from the same address is not affected.
        using var other = await server.Client.PostAsJsonAsync(RefreshPath, new { refresh = otherLogin.Refresh });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
