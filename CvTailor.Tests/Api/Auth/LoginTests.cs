using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using CvTailor.Data.Accounts;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace CvTailor.Tests.Api.Auth;

/// <summary>A2 <c>POST /api/v1/auth/login/</c>, password hashes, brute-force limit.</summary>
public sealed class LoginTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    ApiServer Server => api.Server;

    [Theory]
    [InlineData("/api/v1/auth/login/")]
    [InlineData("/api/v1/auth/login")]
    public async Task Login_answers_profile_and_tokens(string path)
    {
        var registered = await Server.RegisterAsync();
        using var response = await Server.Client.PostAsJsonAsync(path, new { email = registered.Email, password = registered.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = (await response.ReadJsonAsync())!.AsObject();
        Assert.Equal(["access", "refresh", "user"], json.Select(p => p.Key).Order());
        Assert.Equal(registered.UserId, json["user"]!["id"]!.GetValue<long>());
        await using var db = Server.CreateDbContext();
        Assert.Equal(2, await db.OutstandingTokens.CountAsync(t => t.UserId == registered.UserId));
    }

    [Fact]
    public async Task Email_matches_case_insensitively()
    {
        var registered = await Server.RegisterAsync($"Mixed-{Guid.NewGuid():N}@Example.com");
        var session = await Server.LoginAsync(registered.Email.ToUpperInvariant(), registered.Password);
        Assert.Equal(registered.UserId, session.UserId);
    }

    [Theory]
    [InlineData("""{"email": "x@example.com"}""")]
    [InlineData("""{"password": "x"}""")]
    [InlineData("""{"email": "", "password": ""}""")]
    [InlineData("""{"email": ["x"], "password": {"a": 1}}""")]
    [InlineData("")]
    public async Task Missing_credentials_are_400(string body)
    {
        using var response = await Server.Client.PostRawAsync("/api/v1/auth/login/", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"Email and password required"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_get_the_same_answer()
    {
        var registered = await Server.RegisterAsync();
        using var wrong = await Server.Client.PostAsJsonAsync("/api/v1/auth/login/", new { email = registered.Email, password = "Wrong-password-1" });
        using var unknown = await Server.Client.PostAsJsonAsync("/api/v1/auth/login/", new { email = $"nobody-{Guid.NewGuid():N}@example.com", password = "Wrong-password-1" });
        foreach (var response in new[] { wrong, unknown })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("""{"error":"Invalid credentials"}""", await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>
    /// Counted from the Api's own spans (one per PBKDF2 computation), in the trace each login request continues, so
    /// other requests on the shared server do not count.
    /// </summary>
    [Fact]
    public async Task Each_login_computes_one_password_hash()
    {
        var registered = await Server.RegisterAsync();
        var hashes = new ConcurrentDictionary<ActivityTraceId, int>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is CvTailorTelemetry.Api or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                if (a.OperationName == TelemetryNames.Spans.PasswordHash)
                {
                    hashes.AddOrUpdate(a.TraceId, 1, (_, n) => n + 1);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        async Task<(HttpStatusCode Status, int Hashes)> LoginAsync(string email, string password)
        {
            using var request = new Activity("test-login").Start();
            using var response = await Server.Client.PostAsJsonAsync("/api/v1/auth/login/", new { email, password });
            request.Stop();
            return (response.StatusCode, hashes.GetValueOrDefault(request.TraceId));
        }

        Assert.Equal((HttpStatusCode.OK, 1), await LoginAsync(registered.Email, registered.Password));
        Assert.Equal((HttpStatusCode.BadRequest, 1), await LoginAsync(registered.Email, "Wrong-password-1"));
        Assert.Equal((HttpStatusCode.BadRequest, 1), await LoginAsync($"nobody-{Guid.NewGuid():N}@example.com", "Wrong-password-1"));
    }

    [Fact]
    public async Task Inactive_user_cannot_log_in()
    {
        var registered = await Server.RegisterAsync();
        await using (var db = Server.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == registered.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
        }
        using var response = await Server.Client.PostAsJsonAsync("/api/v1/auth/login/", new { email = registered.Email, password = registered.Password });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"Invalid credentials"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Django_pbkdf2_sha256_hash_logs_in_and_is_upgraded()
    {
        const string password = "imported-from-django";
        var email = $"django-{Guid.NewGuid():N}@example.com";
        var hash = DjangoHash(password, salt: "k4Mvq0ScnRdP7Xz1", iterations: 1000);
        long id;
        await using (var db = Server.CreateDbContext())
        {
            var user = new User { Email = email, Username = email, Password = hash };
            db.Users.Add(user);
            await db.SaveChangesAsync();
            id = user.Id;
        }

        using (var wrong = await Server.Client.PostAsJsonAsync("/api/v1/auth/login/", new { email, password = password + "x" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }
        await using (var db = Server.CreateDbContext())
        {
            Assert.Equal(hash, (await db.Users.SingleAsync(u => u.Id == id)).Password);
        }

        var session = await Server.LoginAsync(email, password);
        Assert.Equal(id, session.UserId);
        string upgraded;
        await using (var db = Server.CreateDbContext())
        {
            upgraded = (await db.Users.SingleAsync(u => u.Id == id)).Password;
        }
        Assert.NotEqual(hash, upgraded);
        Assert.DoesNotContain('$', upgraded);
        // Identity V3 format: marker 0x01, then the PRF (2 = HMAC-SHA512) and the iteration count, big-endian.
        var bytes = Convert.FromBase64String(upgraded);
        Assert.Equal(1, bytes[0]);
        Assert.Equal(2, ReadBigEndian(bytes, 1));
        Assert.Equal(int.Parse(Server.Settings["Auth:Passwords:Iterations"]!, System.Globalization.CultureInfo.InvariantCulture), ReadBigEndian(bytes, 5));
        Assert.Equal(id, (await Server.LoginAsync(email, password)).UserId);
    }

    [Theory]
    [InlineData("!")]
    [InlineData("!Xk2c9QkKxYvWJ8m3bH7nQ1rT5uZ0aE4dF6gL2pC")]
    [InlineData("")]
    [InlineData("argon2$argon2id$v=19$m=102400,t=2,p=8$c2FsdA$aGFzaA")]
    [InlineData("pbkdf2_sha256$1000$salt$not-base64!")]
    public async Task Unusable_or_unsupported_hashes_never_match(string stored)
    {
        var email = $"unusable-{Guid.NewGuid():N}@example.com";
        await using (var db = Server.CreateDbContext())
        {
            db.Users.Add(new User { Email = email, Username = email, Password = stored });
            await db.SaveChangesAsync();
        }
        foreach (var attempt in new[] { stored, stored.TrimStart('!'), "anything-at-all" })
        {
            if (attempt.Length == 0)
            {
                continue;
            }
            using var response = await Server.Client.PostAsJsonAsync("/api/v1/auth/login/", new { email, password = attempt });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task Brute_force_is_throttled_with_429_and_retry_after()
    {
        await using var server = await ApiServer.StartAsync(new() { ["Api:RateLimits:Auth:PermitLimit"] = "3", ["Api:RateLimits:Auth:WindowSeconds"] = "300" });
        var registered = await server.RegisterAsync();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last?.Dispose();
            last = await server.Client.PostAsJsonAsync("/api/v1/auth/login/", new { email = registered.Email, password = $"guess-{i}-password" });
            statuses.Add(last.StatusCode);
        }
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var retryAfter = int.Parse(last!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 300);
        Assert.Equal($"Request was throttled. Expected available in {retryAfter} seconds.", (await last.ReadJsonAsync())!["detail"]!.GetValue<string>());
        last.Dispose();

        // Even the right password is refused while throttled; other routes have their own budget.
        using var right = await server.Client.PostAsJsonAsync("/api/v1/auth/login/", new { email = registered.Email, password = registered.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        using var reset = await server.Client.PostAsJsonAsync("/api/v1/auth/password-reset/", new { email = registered.Email });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
    }

    /// <summary>Django's <c>PBKDF2PasswordHasher.encode</c>, computed here rather than copied.</summary>
    static string DjangoHash(string password, string salt, int iterations)
    {
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(salt), iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2_sha256${iterations}${salt}${Convert.ToBase64String(hash)}";
    }

    static int ReadBigEndian(byte[] bytes, int offset) =>
        (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
}
