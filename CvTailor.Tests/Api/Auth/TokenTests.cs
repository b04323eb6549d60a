using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CvTailor.Tests.Api.Auth;

/// <summary>JWT authentication (§2.1), A3 logout and A4 refresh with rotation and family revocation.</summary>
public sealed class TokenTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    const string Profile = "/api/v1/auth/profile/";
    ApiServer Server => api.Server;

    [Fact]
    public async Task Tokens_have_simplejwt_claims()
    {
        var session = await Server.RegisterAsync();
        var access = new JsonWebToken(session.Access);
        var refresh = new JsonWebToken(session.Refresh);
        Assert.Equal("HS256", access.Alg);
        Assert.Equal("access", access.GetPayloadValue<string>("token_type"));
        Assert.Equal("refresh", refresh.GetPayloadValue<string>("token_type"));
        Assert.Equal(session.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture), access.GetPayloadValue<string>("user_id"));
        Assert.Matches("^[0-9a-f]{32}$", access.Id);
        Assert.NotEqual(access.Id, refresh.Id);
        Assert.Equal(15 * 60, access.GetPayloadValue<long>("exp") - access.GetPayloadValue<long>("iat"));
        Assert.Equal(7 * 24 * 3600, refresh.GetPayloadValue<long>("exp") - refresh.GetPayloadValue<long>("iat"));
    }

    [Fact]
    public async Task No_credentials_is_401_with_challenge()
    {
        using var response = await Server.Client.GetAsync(Profile);
        await AssertUnauthorizedAsync(response, """{"detail":"Authentication credentials were not provided."}""");
    }

    [Theory]
    [InlineData("Token")]
    [InlineData("bearer")]
    [InlineData("Basic")]
    public async Task Other_schemes_count_as_no_credentials(string scheme)
    {
        var session = await Server.RegisterAsync();
        using var client = Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, session.Access);
        using var response = await client.GetAsync(Profile);
        await AssertUnauthorizedAsync(response, """{"detail":"Authentication credentials were not provided."}""");
    }

    [Fact]
    public async Task Tampered_token_is_invalid()
    {
        var session = await Server.RegisterAsync();
        var parts = session.Access.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace($"\"user_id\":\"{session.UserId}\"", "\"user_id\":\"1\"", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        using var client = Server.CreateAuthenticatedClient(forged);
        using var response = await client.GetAsync(Profile);
        await AssertUnauthorizedAsync(response, TokenNotValid("Token is invalid"));

        using var garbage = Server.CreateAuthenticatedClient("not.a.jwt");
        using var response2 = await garbage.GetAsync(Profile);
        await AssertUnauthorizedAsync(response2, TokenNotValid("Token is invalid"));
    }

    [Fact]
    public async Task Expired_access_token_is_401_expired()
    {
        var session = await Server.RegisterAsync();
        var expired = Sign(new Dictionary<string, object>
        {
            ["token_type"] = "access", ["exp"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(),
            ["iat"] = DateTimeOffset.UtcNow.AddMinutes(-16).ToUnixTimeSeconds(), ["jti"] = Guid.NewGuid().ToString("N"),
            ["user_id"] = session.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var client = Server.CreateAuthenticatedClient(expired);
        using var response = await client.GetAsync(Profile);
        await AssertUnauthorizedAsync(response, TokenNotValid("Token is expired"));
    }

    [Fact]
    public async Task Refresh_token_is_not_an_access_token()
    {
        var session = await Server.RegisterAsync();
        using var client = Server.CreateAuthenticatedClient(session.Refresh);
        using var response = await client.GetAsync(Profile);
        await AssertUnauthorizedAsync(response, TokenNotValid("Token has wrong type"));
    }

    [Fact]
    public async Task Token_of_a_deleted_or_inactive_user_is_refused()
    {
        var session = await Server.RegisterAsync();
        using var client = Server.CreateAuthenticatedClient(session.Access);
        await using (var db = Server.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == session.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
        }
        using (var response = await client.GetAsync(Profile))
        {
            await AssertUnauthorizedAsync(response, """{"detail":"User is inactive","code":"user_inactive"}""");
        }
        using (var refresh = await RefreshAsync(session.Refresh))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
            Assert.Equal("""{"detail":"No active account found for the given token.","code":"no_active_account"}""", await refresh.Content.ReadAsStringAsync());
        }
        await using (var db = Server.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == session.UserId).ExecuteDeleteAsync();
        }
        using (var response = await client.GetAsync(Profile))
        {
            await AssertUnauthorizedAsync(response, """{"detail":"User not found","code":"user_not_found"}""");
        }
    }

    [Theory]
    [InlineData("/api/v1/auth/token/refresh/")]
    [InlineData("/api/v1/auth/token/refresh")]
    public async Task Refresh_rotates(string path)
    {
        var session = await Server.RegisterAsync();
        using var response = await Server.Client.PostAsJsonAsync(path, new { refresh = session.Refresh });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = (await response.ReadJsonAsync())!.AsObject();
        Assert.Equal(["access", "refresh"], json.Select(p => p.Key).Order());
        var newRefresh = json["refresh"]!.GetValue<string>();
        Assert.NotEqual(session.Refresh, newRefresh);

        await using var db = Server.CreateDbContext();
        var oldJti = new JsonWebToken(session.Refresh).Id;
        var newJti = new JsonWebToken(newRefresh).Id;
        Assert.True(await db.OutstandingTokens.AnyAsync(t => t.Jti == oldJti && t.Blacklisted != null));
        Assert.True(await db.OutstandingTokens.AnyAsync(t => t.Jti == newJti && t.Blacklisted == null && t.UserId == session.UserId));

        using var client = Server.CreateAuthenticatedClient(json["access"]!.GetValue<string>());
        using var profile = await client.GetAsync(Profile);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_revokes_its_family_only()
    {
        var session = await Server.RegisterAsync();
        var otherLogin = await Server.LoginAsync(session.Email, session.Password);
        var second = await RefreshOkAsync(session.Refresh);
        var third = await RefreshOkAsync(second);

        // The stolen first token is replayed.
        using (var replay = await RefreshAsync(session.Refresh))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
            Assert.Equal("""{"detail":"Token is blacklisted","code":"token_not_valid"}""", await replay.Content.ReadAsStringAsync());
        }
        // The family's live descendant is dead too; a separate login's family is not.
        using (var descendant = await RefreshAsync(third))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, descendant.StatusCode);
            Assert.Equal("Token is blacklisted", (await descendant.ReadJsonAsync())!["detail"]!.GetValue<string>());
        }
        await RefreshOkAsync(otherLogin.Refresh);
    }

    [Fact]
    public async Task Refresh_errors()
    {
        var session = await Server.RegisterAsync();
        using (var missing = await Server.Client.PostAsJsonAsync("/api/v1/auth/token/refresh/", new { }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            Assert.Equal("""{"refresh":["This field is required."]}""", await missing.Content.ReadAsStringAsync());
        }
        using (var invalid = await RefreshAsync("abc.def.ghi"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, invalid.StatusCode);
            Assert.Equal("""{"detail":"Token is invalid","code":"token_not_valid"}""", await invalid.Content.ReadAsStringAsync());
        }
        using (var wrongType = await RefreshAsync(session.Access))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrongType.StatusCode);
            Assert.Equal("""{"detail":"Token has wrong type","code":"token_not_valid"}""", await wrongType.Content.ReadAsStringAsync());
        }
        var expired = Sign(new Dictionary<string, object>
        {
            ["token_type"] = "refresh", ["exp"] = DateTimeOffset.UtcNow.AddSeconds(-5).ToUnixTimeSeconds(),
            ["iat"] = DateTimeOffset.UtcNow.AddDays(-7).ToUnixTimeSeconds(), ["jti"] = Guid.NewGuid().ToString("N"),
            ["user_id"] = session.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using (var response = await RefreshAsync(expired))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("""{"detail":"Token is expired","code":"token_not_valid"}""", await response.Content.ReadAsStringAsync());
        }
        // Correctly signed but never issued (no outstanding row): refused.
        var unissued = Sign(new Dictionary<string, object>
        {
            ["token_type"] = "refresh", ["exp"] = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds(),
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["jti"] = Guid.NewGuid().ToString("N"),
            ["user_id"] = session.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using (var response = await RefreshAsync(unissued))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("/api/v1/auth/logout/")]
    [InlineData("/api/v1/auth/logout")]
    public async Task Logout_blacklists_the_refresh_token(string path)
    {
        var session = await Server.RegisterAsync();
        using var client = Server.CreateAuthenticatedClient(session.Access);
        using (var response = await client.PostAsJsonAsync(path, new { refresh = session.Refresh }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("""{"message":"Successfully logged out"}""", await response.Content.ReadAsStringAsync());
        }
        using (var again = await client.PostAsJsonAsync(path, new { refresh = session.Refresh }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.Equal("""{"error":"Invalid token"}""", await again.Content.ReadAsStringAsync());
        }
        using var refresh = await RefreshAsync(session.Refresh);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task Logout_errors()
    {
        var session = await Server.RegisterAsync();
        var other = await Server.RegisterAsync();
        using var client = Server.CreateAuthenticatedClient(session.Access);
        using (var missing = await client.PostAsJsonAsync("/api/v1/auth/logout/", new { }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            Assert.Equal("""{"error":"Refresh token required"}""", await missing.Content.ReadAsStringAsync());
        }
        foreach (var token in new[] { "garbage", session.Access, other.Refresh })
        {
            using var response = await client.PostAsJsonAsync("/api/v1/auth/logout/", new { refresh = token });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("""{"error":"Invalid token"}""", await response.Content.ReadAsStringAsync());
        }
        // Someone else's refresh token was not revoked by the attempt.
        await RefreshOkAsync(other.Refresh);
        using var anonymous = await Server.Client.PostAsJsonAsync("/api/v1/auth/logout/", new { refresh = session.Refresh });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    Task<HttpResponseMessage> RefreshAsync(string refresh) =>
        Server.Client.PostAsJsonAsync("/api/v1/auth/token/refresh/", new { refresh });

    async Task<string> RefreshOkAsync(string refresh)
    {
        using var response = await RefreshAsync(refresh);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())!["refresh"]!.GetValue<string>();
    }

    string Sign(Dictionary<string, object> claims)
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Server.Settings["Auth:Jwt:SigningKey"]!));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    static string TokenNotValid(string message) => new JsonObject
    {
        ["detail"] = "Given token not valid for any token type",
        ["code"] = "token_not_valid",
        ["messages"] = new JsonArray(new JsonObject { ["token_class"] = "AccessToken", ["token_type"] = "access", ["message"] = message }),
    }.ToJsonString();

    static async Task AssertUnauthorizedAsync(HttpResponseMessage response, string expectedBody)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer realm=\"api\"", response.Headers.WwwAuthenticate.Single().ToString());
        Assert.Equal(expectedBody, await response.Content.ReadAsStringAsync());
    }
}
