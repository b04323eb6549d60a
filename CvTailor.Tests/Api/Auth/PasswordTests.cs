using System.Net;
using System.Net.Http.Json;
using CvTailor.Tests.Infrastructure;

namespace CvTailor.Tests.Api.Auth;

/// <summary>A7 change password and A8 password reset.</summary>
public sealed class PasswordTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    const string Change = "/api/v1/auth/change-password/";
    const string Reset = "/api/v1/auth/password-reset/";
    const string NewPassword = "Brand-new-Passw0rd";

    ApiServer Server => api.Server;

    [Theory]
    [InlineData(Change)]
    [InlineData("/api/v1/auth/change-password")]
    public async Task Change_password_switches_passwords_and_revokes_refresh_tokens(string path)
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var otherDevice = await Server.LoginAsync(session.Email, session.Password);
        using (var response = await client.PostAsJsonAsync(path, new
        {
            current_password = session.Password, new_password = NewPassword, new_password_confirm = NewPassword,
        }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("""{"message":"Password changed successfully"}""", await response.Content.ReadAsStringAsync());
        }

        using (var old = await Server.Client.PostAsJsonAsync("/api/v1/auth/login/", new { email = session.Email, password = session.Password }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        }
        var fresh = await Server.LoginAsync(session.Email, NewPassword);
        foreach (var refresh in new[] { session.Refresh, otherDevice.Refresh })
        {
            using var response = await Server.Client.PostAsJsonAsync("/api/v1/auth/token/refresh/", new { refresh });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        using (var afterwards = await Server.Client.PostAsJsonAsync("/api/v1/auth/token/refresh/", new { refresh = fresh.Refresh }))
        {
            Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        }
        // Access tokens are not revoked (they expire within the access lifetime).
        using var profile = await client.GetAsync("/api/v1/auth/profile/");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    [Fact]
    public async Task Change_password_errors_in_the_originals_order()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        await AssertErrorAsync(client, new { current_password = session.Password, new_password = NewPassword }, """{"error":"All password fields are required"}""");
        await AssertErrorAsync(client, new { current_password = "", new_password = NewPassword, new_password_confirm = NewPassword }, """{"error":"All password fields are required"}""");
        await AssertErrorAsync(client, new { current_password = "wrong", new_password = NewPassword, new_password_confirm = NewPassword + "x" }, """{"error":"New passwords do not match"}""");
        await AssertErrorAsync(client, new { current_password = "wrong", new_password = NewPassword, new_password_confirm = NewPassword }, """{"error":"Current password is incorrect"}""");
        await AssertErrorAsync(client, new { current_password = session.Password, new_password = "1234567", new_password_confirm = "1234567" },
            """{"error":["This password is too short. It must contain at least 8 characters.","This password is too common.","This password is entirely numeric."]}""");

        // None of that changed the password.
        await Server.LoginAsync(session.Email, session.Password);
    }

    [Fact]
    public async Task Change_password_requires_authentication()
    {
        using var response = await Server.Client.PostAsJsonAsync(Change, new { current_password = "a", new_password = "b", new_password_confirm = "b" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(Reset)]
    [InlineData("/api/v1/auth/password-reset")]
    public async Task Reset_answers_the_same_for_known_and_unknown_emails(string path)
    {
        var session = await Server.RegisterAsync();
        using var known = await Server.Client.PostAsJsonAsync(path, new { email = session.Email });
        using var unknown = await Server.Client.PostAsJsonAsync(path, new { email = $"nobody-{Guid.NewGuid():N}@example.com" });
        foreach (var response in new[] { known, unknown })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("""{"message":"If this email exists, a password reset link has been sent"}""", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Reset_requires_an_email()
    {
        using var response = await Server.Client.PostAsJsonAsync(Reset, new { });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"Email is required"}""", await response.Content.ReadAsStringAsync());
    }

    static async Task AssertErrorAsync<T>(HttpClient client, T body, string expected)
    {
        using var response = await client.PostAsJsonAsync(Change, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }
}
