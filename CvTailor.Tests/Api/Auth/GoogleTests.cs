using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CvTailor.Data.Accounts;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace CvTailor.Tests.Api.Auth;

/// <summary>Google issuer on loopback plus an Api that trusts it.</summary>
public sealed class GoogleFixture : IAsyncLifetime
{
    public GoogleTestIssuer Issuer { get; private set; } = null!;
    public ApiServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Issuer = await GoogleTestIssuer.StartAsync();
        Server = await ApiServer.StartAsync(Issuer.ApiSettings());
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}

/// <summary>A9–A11 Google sign-in, link and unlink, verified against a locally generated key pair.</summary>
public sealed class GoogleTests(GoogleFixture google) : IClassFixture<GoogleFixture>
{
    const string SignIn = "/api/v1/auth/google/";
    ApiServer Server => google.Server;
    GoogleTestIssuer Issuer => google.Issuer;

    static string NewSubject() => RandomNumberGenerator.GetInt32(int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture) + "0000000001";

    [Theory]
    [InlineData(SignIn)]
    [InlineData("/api/v1/auth/google")]
    public async Task First_sign_in_creates_the_user_then_finds_it(string path)
    {
        var subject = NewSubject();
        var email = $"g-{Guid.NewGuid():N}@gmail.com";
        var credential = Issuer.CreateIdToken(subject, email);

        using var first = await Server.Client.PostAsJsonAsync(path, new { credential });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var json = (await first.ReadJsonAsync())!.AsObject();
        Assert.Equal(["access", "created", "refresh", "user"], json.Select(p => p.Key).Order());
        Assert.True(json["created"]!.GetValue<bool>());
        var user = json["user"]!;
        Assert.Equal(email, user["email"]!.GetValue<string>());
        Assert.Equal(email, user["username"]!.GetValue<string>());
        Assert.Equal("Grace", user["first_name"]!.GetValue<string>());
        Assert.Equal("Hopper", user["last_name"]!.GetValue<string>());
        var id = user["id"]!.GetValue<long>();

        await using (var db = Server.CreateDbContext())
        {
            var row = await db.Users.SingleAsync(u => u.Id == id);
            Assert.Matches("^![A-Za-z0-9]{40}$", row.Password);
            var account = await db.SocialAccounts.SingleAsync(a => a.UserId == id);
            Assert.Equal("google", account.Provider);
            Assert.Equal(subject, account.Uid);
            var extra = JsonNode.Parse(account.ExtraData)!;
            Assert.Equal(email, extra["email"]!.GetValue<string>());
            Assert.Equal(GoogleTestIssuer.ClientId, extra["aud"]!.GetValue<string>());
            var app = await db.SocialApps.SingleAsync(a => a.Provider == "google");
            Assert.Equal("Google", app.Name);
            Assert.Equal(GoogleTestIssuer.ClientId, app.ClientId);
        }

        using var second = await Server.Client.PostAsJsonAsync(path, new { credential = Issuer.CreateIdToken(subject, email) });
        var again = (await second.ReadJsonAsync())!;
        Assert.False(again["created"]!.GetValue<bool>());
        Assert.Equal(id, again["user"]!["id"]!.GetValue<long>());

        // The issued tokens are ours and work; a password login does not (unusable password).
        using var client = Server.CreateAuthenticatedClient(again["access"]!.GetValue<string>());
        using var profile = await client.GetAsync("/api/v1/auth/profile/");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    [Fact]
    public async Task Existing_email_user_is_linked_not_duplicated()
    {
        var session = await Server.RegisterAsync($"Link-{Guid.NewGuid():N}@example.com");
        var subject = NewSubject();
        using var response = await Server.Client.PostAsJsonAsync(SignIn, new { credential = Issuer.CreateIdToken(subject, session.Email.ToLowerInvariant()) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = (await response.ReadJsonAsync())!;
        Assert.False(json["created"]!.GetValue<bool>());
        Assert.Equal(session.UserId, json["user"]!["id"]!.GetValue<long>());
        await using var db = Server.CreateDbContext();
        Assert.Equal(session.UserId, (await db.SocialAccounts.SingleAsync(a => a.Uid == subject)).UserId);
        // The password still works too.
        await Server.LoginAsync(session.Email, session.Password);
    }

    [Fact]
    public async Task Unverified_google_email_does_not_take_over_an_account()
    {
        var session = await Server.RegisterAsync();
        var subject = NewSubject();
        using var response = await Server.Client.PostAsJsonAsync(SignIn,
            new { credential = Issuer.CreateIdToken(subject, session.Email, c => c["email_verified"] = false) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = Server.CreateDbContext();
        Assert.False(await db.SocialAccounts.AnyAsync(a => a.Uid == subject));
    }

    public static TheoryData<string> BadTokenCases => ["wrong-audience", "wrong-issuer", "expired", "other-key", "tampered", "hs256", "garbage", "no-email"];

    [Theory]
    [MemberData(nameof(BadTokenCases))]
    public async Task Bad_credentials_are_refused(string kind)
    {
        var subject = NewSubject();
        var email = $"bad-{Guid.NewGuid():N}@gmail.com";
        using var otherRsa = RSA.Create(2048);
        var credential = kind switch
        {
            "wrong-audience" => Issuer.CreateIdToken(subject, email, c => c["aud"] = "someone-else.apps.googleusercontent.com"),
            "wrong-issuer" => Issuer.CreateIdToken(subject, email, c => c["iss"] = "https://evil.example.com"),
            "expired" => Issuer.CreateIdToken(subject, email, c =>
            {
                c["iat"] = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
                c["exp"] = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();
            }),
            "other-key" => Issuer.CreateIdToken(subject, email, signWith: new RsaSecurityKey(otherRsa) { KeyId = "unknown" }),
            "tampered" => Tamper(Issuer.CreateIdToken(subject, email)),
            "hs256" => new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Claims = new Dictionary<string, object> { ["iss"] = GoogleTestIssuer.Issuer, ["aud"] = GoogleTestIssuer.ClientId, ["sub"] = subject, ["email"] = email },
                SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256),
            }),
            "no-email" => Issuer.CreateIdToken(subject, email, c => c["email"] = null),
            _ => "garbage",
        };
        using var response = await Server.Client.PostAsJsonAsync(SignIn, new { credential });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"google_auth_failed","message":"Invalid Google credential","recoverable":true}""", await response.Content.ReadAsStringAsync());
        await using var db = Server.CreateDbContext();
        Assert.False(await db.SocialAccounts.AnyAsync(a => a.Uid == subject));
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task Missing_credential_is_400()
    {
        using var response = await Server.Client.PostAsJsonAsync(SignIn, new { });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"google_auth_failed","message":"Google credential is required","recoverable":true}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Keys_are_cached()
    {
        var before = Issuer.JwksRequests;
        for (var i = 0; i < 3; i++)
        {
            using var response = await Server.Client.PostAsJsonAsync(SignIn, new { credential = Issuer.CreateIdToken(NewSubject(), $"c-{Guid.NewGuid():N}@gmail.com") });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.InRange(Issuer.JwksRequests - before, 0, 1);
    }

    [Fact]
    public async Task Unreachable_key_source_is_a_500_without_details()
    {
        // A port that was free a moment ago: nothing listens there.
        var port = CvTailor.Tests.Api.Generation.GenerationApi.ClosedPort();
        await using var server = await ApiServer.StartAsync(new()
        {
            ["Auth:Google:ClientId"] = GoogleTestIssuer.ClientId,
            ["Auth:Google:JwksUrl"] = $"http://127.0.0.1:{port}/certs",
        });
        using var response = await server.Client.PostAsJsonAsync(SignIn, new { credential = Issuer.CreateIdToken(NewSubject(), "x@gmail.com") });
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"error":"internal_error","message":"Authentication service temporarily unavailable","recoverable":false}""", await response.Content.ReadAsStringAsync());

        var (client, _) = await server.CreateUserClientAsync();
        using var link = await client.PostAsJsonAsync("/api/v1/auth/google/link/", new { credential = Issuer.CreateIdToken(NewSubject(), "x@gmail.com") });
        Assert.Equal(HttpStatusCode.InternalServerError, link.StatusCode);
        Assert.Equal("""{"error":"internal_error","message":"Link service temporarily unavailable"}""", await link.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Link_and_unlink()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var subject = NewSubject();
        var googleEmail = $"linked-{Guid.NewGuid():N}@gmail.com";

        using (var missing = await client.PostAsJsonAsync("/api/v1/auth/google/link/", new { }))
        {
            Assert.Equal("""{"error":"google_link_failed","message":"Google credential is required"}""", await missing.Content.ReadAsStringAsync());
        }
        using (var invalid = await client.PostAsJsonAsync("/api/v1/auth/google/link/", new { credential = "x.y.z" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Equal("""{"error":"google_link_failed","message":"Invalid Google credential"}""", await invalid.Content.ReadAsStringAsync());
        }
        using (var linked = await client.PostAsJsonAsync("/api/v1/auth/google/link/", new { credential = Issuer.CreateIdToken(subject, googleEmail) }))
        {
            Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
            Assert.Equal($$"""{"message":"Google account linked successfully","linked_email":"{{googleEmail}}"}""", await linked.Content.ReadAsStringAsync());
        }
        using (var again = await client.PostAsJsonAsync("/api/v1/auth/google/link/", new { credential = Issuer.CreateIdToken(subject, googleEmail) }))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal($$"""{"message":"Google account is already linked to your account","linked_email":"{{googleEmail}}"}""", await again.Content.ReadAsStringAsync());
        }
        // Signing in with that Google account now reaches this user.
        using (var signIn = await Server.Client.PostAsJsonAsync(SignIn, new { credential = Issuer.CreateIdToken(subject, googleEmail) }))
        {
            Assert.Equal(session.UserId, (await signIn.ReadJsonAsync())!["user"]!["id"]!.GetValue<long>());
        }
        // Another user cannot take it.
        var (otherClient, _) = await Server.CreateUserClientAsync();
        using (var taken = await otherClient.PostAsJsonAsync("/api/v1/auth/google/link/", new { credential = Issuer.CreateIdToken(subject, googleEmail) }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
            Assert.Equal("""{"error":"account_already_linked","message":"This Google account is already linked to another user"}""", await taken.Content.ReadAsStringAsync());
        }

        using (var unlinked = await client.PostAsync("/api/v1/auth/google/unlink/", null))
        {
            Assert.Equal(HttpStatusCode.OK, unlinked.StatusCode);
            Assert.Equal("""{"message":"Google account unlinked successfully"}""", await unlinked.Content.ReadAsStringAsync());
        }
        using (var none = await client.PostAsync("/api/v1/auth/google/unlink", null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
            Assert.Equal("""{"error":"no_google_account","message":"No Google account linked to this user"}""", await none.Content.ReadAsStringAsync());
        }
        await using var db = Server.CreateDbContext();
        Assert.False(await db.SocialAccounts.AnyAsync(a => a.Uid == subject));
    }

    [Fact]
    public async Task Link_and_unlink_require_authentication()
    {
        using var link = await Server.Client.PostAsJsonAsync("/api/v1/auth/google/link/", new { credential = "x" });
        using var unlink = await Server.Client.PostAsync("/api/v1/auth/google/unlink/", null);
        Assert.Equal(HttpStatusCode.Unauthorized, link.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unlink.StatusCode);
    }

    static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!;
        payload["email"] = "admin@example.com";
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
    }
}
