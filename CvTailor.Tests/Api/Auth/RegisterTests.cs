using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Tests.Api.Auth;

/// <summary>A1 <c>POST /api/v1/auth/register/</c>.</summary>
public sealed class RegisterTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    static readonly string[] s_profileKeys =
    [
        "id", "email", "username", "first_name", "last_name", "profile_image", "phone", "linkedin_url", "github_url",
        "website_url", "bio", "location", "preferred_cv_template", "email_notifications", "created_at", "updated_at",
    ];

    ApiServer Server => api.Server;

    static string NewEmail(string domain = "example.com") => $"reg-{Guid.NewGuid():N}@{domain}";

    [Theory]
    [InlineData("/api/v1/auth/register/")]
    [InlineData("/api/v1/auth/register")]
    public async Task Creates_the_user_and_answers_201_with_profile_and_tokens(string path)
    {
        var email = $"Reg-{Guid.NewGuid():N}@Example.COM";
        using var response = await Server.Client.PostAsJsonAsync(path, new
        {
            email, password = ApiServer.DefaultPassword, password_confirm = ApiServer.DefaultPassword,
            first_name = "  Ada ", last_name = "Lovelace", username = "ignored",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = (await response.ReadJsonAsync())!.AsObject();
        Assert.Equal(["access", "refresh", "user"], json.Select(p => p.Key).Order());
        var user = json["user"]!.AsObject();
        Assert.Equal(s_profileKeys.Order(), user.Select(p => p.Key).Order());
        // Django: username = the email as submitted, email with the domain lower-cased; CharFields trimmed.
        Assert.Equal(email, user["username"]!.GetValue<string>());
        Assert.Equal(email.Split('@')[0] + "@example.com", user["email"]!.GetValue<string>());
        Assert.Equal("Ada", user["first_name"]!.GetValue<string>());
        Assert.Null(user["profile_image"]);
        Assert.Equal(1, user["preferred_cv_template"]!.GetValue<int>());
        Assert.True(user["email_notifications"]!.GetValue<bool>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", user["created_at"]!.GetValue<string>());

        await using var db = Server.CreateDbContext();
        var id = user["id"]!.GetValue<long>();
        var row = await db.Users.SingleAsync(u => u.Id == id);
        Assert.DoesNotContain(ApiServer.DefaultPassword, row.Password, StringComparison.Ordinal);
        Assert.Equal(1, await db.OutstandingTokens.CountAsync(t => t.UserId == id));

        // The tokens work.
        using var client = Server.CreateAuthenticatedClient(json["access"]!.GetValue<string>());
        using var profile = await client.GetAsync("/api/v1/auth/profile/");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    [Fact]
    public async Task Duplicate_email_in_any_case_is_refused()
    {
        var email = NewEmail();
        await Server.RegisterAsync(email);
        using var response = await PostAsync(new
        {
            email = email.ToUpperInvariant(), password = ApiServer.DefaultPassword, password_confirm = ApiServer.DefaultPassword,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"email":["user with this email already exists."]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Mismatched_passwords_are_a_non_field_error()
    {
        using var response = await PostAsync(new { email = NewEmail(), password = ApiServer.DefaultPassword, password_confirm = "Other-Passw0rd!" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"non_field_errors":["Passwords don't match."]}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("short1", "This password is too short. It must contain at least 8 characters.")]
    [InlineData("password123", "This password is too common.")]
    [InlineData("PASSWORD", "This password is too common.")]
    [InlineData("93840275610", "This password is entirely numeric.")]
    public async Task Password_validators_name_the_problem(string password, string message)
    {
        var email = NewEmail();
        using var response = await PostAsync(new { email, password, password_confirm = password });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())!["password"]!.AsArray().Select(m => m!.GetValue<string>());
        Assert.Contains(message, errors);
        await AssertNoUserAsync(email);
    }

    [Fact]
    public async Task Short_numeric_password_gets_every_message()
    {
        using var response = await PostAsync(new { email = NewEmail(), password = "1234", password_confirm = "1234" });
        var errors = (await response.ReadJsonAsync())!["password"]!.AsArray().Select(m => m!.GetValue<string>()).ToArray();
        Assert.Equal(
            ["This password is too short. It must contain at least 8 characters.", "This password is too common.", "This password is entirely numeric."],
            errors);
    }

    [Fact]
    public async Task Missing_fields_are_each_required()
    {
        using var response = await PostAsync(new { });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = (await response.ReadJsonAsync())!.AsObject();
        foreach (var field in new[] { "email", "password", "password_confirm" })
        {
            Assert.Equal("This field is required.", json[field]![0]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a b@example.com")]
    [InlineData("x@nodot")]
    public async Task Invalid_email_is_refused(string email)
    {
        using var response = await PostAsync(new { email, password = ApiServer.DefaultPassword, password_confirm = ApiServer.DefaultPassword });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Enter a valid email address.", (await response.ReadJsonAsync())!["email"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Ten_thousand_character_name_is_refused_without_a_row()
    {
        var email = NewEmail();
        using var response = await PostAsync(new
        {
            email, password = ApiServer.DefaultPassword, password_confirm = ApiServer.DefaultPassword, first_name = new string('x', 10_000),
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Ensure this field has no more than 150 characters.", (await response.ReadJsonAsync())!["first_name"]![0]!.GetValue<string>());
        await AssertNoUserAsync(email);
    }

    [Fact]
    public async Task Email_must_fit_the_username_column()
    {
        var email = new string('a', 140) + "@example.com";
        using var response = await PostAsync(new { email, password = ApiServer.DefaultPassword, password_confirm = ApiServer.DefaultPassword });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Ensure this field has no more than 150 characters.", (await response.ReadJsonAsync())!["email"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_types_are_named()
    {
        var email = NewEmail();
        using var response = await PostAsync(new JsonObject
        {
            ["email"] = email, ["password"] = new JsonArray(), ["password_confirm"] = true, ["last_name"] = new JsonObject(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = (await response.ReadJsonAsync())!;
        Assert.Equal("Not a valid string.", json["password"]![0]!.GetValue<string>());
        Assert.Equal("Not a valid string.", json["password_confirm"]![0]!.GetValue<string>());
        Assert.Equal("Not a valid string.", json["last_name"]![0]!.GetValue<string>());
        await AssertNoUserAsync(email);
    }

    [Theory]
    [InlineData("{\"email\": ")]
    [InlineData("{'email': 'x'}")]
    [InlineData("{\"email\": \"a@b.co\", \"email\": \"c@d.co\"}")]
    public async Task Malformed_json_is_a_400_parse_error(string body)
    {
        using var response = await Server.Client.PostRawAsync("/api/v1/auth/register/", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("JSON parse error - ", (await response.ReadJsonAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_array_is_not_a_dictionary()
    {
        using var response = await Server.Client.PostRawAsync("/api/v1/auth/register/", "[1, 2]");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unsupported_content_type_is_415()
    {
        using var response = await Server.Client.PostRawAsync("/api/v1/auth/register/", "email=x", "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("Unsupported media type \"text/plain; charset=utf-8\" in request.", (await response.ReadJsonAsync())!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Oversized_body_is_413_without_a_row()
    {
        var email = NewEmail();
        var body = new JsonObject
        {
            ["email"] = email, ["password"] = ApiServer.DefaultPassword, ["password_confirm"] = ApiServer.DefaultPassword,
            ["bio"] = new string('y', 2 * 1024 * 1024),
        };
        using var response = await Server.Client.SendOversizedAsync(HttpMethod.Post, "/api/v1/auth/register/",
            new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Request body is too large.", (await response.ReadJsonAsync())!["detail"]!.GetValue<string>());
        await AssertNoUserAsync(email);
    }

    [Fact]
    public async Task Form_posts_are_accepted_like_json()
    {
        var email = NewEmail();
        using var response = await Server.Client.PostAsync("/api/v1/auth/register/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = ApiServer.DefaultPassword, ["password_confirm"] = ApiServer.DefaultPassword,
        }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    Task<HttpResponseMessage> PostAsync<T>(T body) => Server.Client.PostAsJsonAsync("/api/v1/auth/register/", body);

    async Task AssertNoUserAsync(string email)
    {
        await using var db = Server.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Username == email));
    }
}
