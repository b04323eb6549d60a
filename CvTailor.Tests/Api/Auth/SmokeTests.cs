using System.Net;
using CvTailor.Tests.Infrastructure;

namespace CvTailor.Tests.Api.Auth;

public sealed class SmokeTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task Register_then_profile()
    {
        var (client, session) = await api.Server.CreateUserClientAsync();
        using var response = await client.GetAsync("/api/v1/auth/profile");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.Equal(session.Email, json!["email"]!.GetValue<string>());
    }
}
