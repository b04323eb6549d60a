using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Tests.Api.Auth;

/// <summary>A5/A6 <c>/api/v1/auth/profile/</c> and the profile pictures under <c>/media/profiles/</c>.</summary>
public sealed class ProfileTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    const string Profile = "/api/v1/auth/profile/";

    static readonly string[] s_updateKeys =
    [
        "first_name", "last_name", "profile_image", "phone", "linkedin_url", "github_url", "website_url", "bio", "location",
        "preferred_cv_template", "email_notifications",
    ];

    /// <summary>A 1×1 PNG.</summary>
    static readonly byte[] s_png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    ApiServer Server => api.Server;

    [Theory]
    [InlineData(Profile)]
    [InlineData("/api/v1/auth/profile")]
    public async Task Get_returns_the_callers_profile(string path)
    {
        var (client, session) = await Server.CreateUserClientAsync();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = (await response.ReadJsonAsync())!;
        Assert.Equal(session.UserId, json["id"]!.GetValue<long>());
        Assert.Equal(session.Email, json["username"]!.GetValue<string>());
        Assert.Equal(16, json.AsObject().Count);
    }

    [Theory]
    [InlineData("PATCH")]
    [InlineData("PUT")]
    public async Task Update_changes_given_fields_and_answers_the_eleven(string method)
    {
        var (client, session) = await Server.CreateUserClientAsync();
        using var response = await SendJsonAsync(client, method, Profile, new JsonObject
        {
            ["first_name"] = "Grace", ["phone"] = "+41 44 000 00 00", ["linkedin_url"] = "https://www.linkedin.com/in/grace",
            ["github_url"] = "", ["bio"] = "Compilers.", ["location"] = "Arlington", ["preferred_cv_template"] = "3",
            ["email_notifications"] = "false", ["email"] = "hijack@example.com", ["username"] = "hijack", ["id"] = 1,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = (await response.ReadJsonAsync())!.AsObject();
        Assert.Equal(s_updateKeys.Order(), json.Select(p => p.Key).Order());
        Assert.Equal("Grace", json["first_name"]!.GetValue<string>());
        Assert.Equal("User", json["last_name"]!.GetValue<string>());
        Assert.Equal(3, json["preferred_cv_template"]!.GetValue<int>());
        Assert.False(json["email_notifications"]!.GetValue<bool>());

        await using var db = Server.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Id == session.UserId);
        Assert.Equal(session.Email, user.Email);
        Assert.Equal(session.Email, user.Username);
        Assert.Equal("Arlington", user.Location);
        Assert.True(user.UpdatedAt > user.CreatedAt);
    }

    [Fact]
    public async Task Invalid_fields_are_named_and_nothing_changes()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        using var response = await client.PatchJsonAsync(Profile, new JsonObject
        {
            ["first_name"] = "Changed", ["website_url"] = "javascript:alert(1)", ["linkedin_url"] = "not a url",
            ["phone"] = new string('1', 21), ["location"] = new string('l', 10_000), ["preferred_cv_template"] = "three",
            ["email_notifications"] = "maybe", ["bio"] = new JsonArray(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = (await response.ReadJsonAsync())!;
        Assert.Equal("Enter a valid URL.", json["website_url"]![0]!.GetValue<string>());
        Assert.Equal("Enter a valid URL.", json["linkedin_url"]![0]!.GetValue<string>());
        Assert.Equal("Ensure this field has no more than 20 characters.", json["phone"]![0]!.GetValue<string>());
        Assert.Equal("Ensure this field has no more than 100 characters.", json["location"]![0]!.GetValue<string>());
        Assert.Equal("A valid integer is required.", json["preferred_cv_template"]![0]!.GetValue<string>());
        Assert.Equal("Must be a valid boolean.", json["email_notifications"]![0]!.GetValue<string>());
        Assert.Equal("Not a valid string.", json["bio"]![0]!.GetValue<string>());
        Assert.Null(json["first_name"]);

        await using var db = Server.CreateDbContext();
        Assert.Equal("Test", (await db.Users.SingleAsync(u => u.Id == session.UserId)).FirstName);
    }

    [Fact]
    public async Task Integer_range_is_checked()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        using var response = await client.PatchJsonAsync(Profile, new { preferred_cv_template = 3_000_000_000L });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Ensure this value is less than or equal to 2147483647.", (await response.ReadJsonAsync())!["preferred_cv_template"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Multipart_picture_is_stored_served_and_replaced()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var url = await UploadAsync(client, s_png, "me.gif", "image/gif", ("first_name", "Pic"));
        Assert.Matches($"^{Server.BaseAddress.ToString().TrimEnd('/')}/media/profiles/[0-9a-f]{{32}}\\.png$", url);

        using (var anonymous = Server.CreateClient())
        using (var picture = await anonymous.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
            Assert.Equal("image/png", picture.Content.Headers.ContentType!.MediaType);
            Assert.Equal("nosniff", picture.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal(s_png, await picture.Content.ReadAsByteArrayAsync());
        }
        string stored;
        await using (var db = Server.CreateDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.Id == session.UserId);
            stored = user.ProfileImage!;
            Assert.Equal("Pic", user.FirstName);
        }
        Assert.True(File.Exists(Path.Combine(Server.StorageRoot, stored)));

        // GET shows the same URL; a new picture replaces the old file.
        using (var profile = await client.GetAsync(Profile))
        {
            Assert.Equal(url, (await profile.ReadJsonAsync())!["profile_image"]!.GetValue<string>());
        }
        var second = await UploadAsync(client, s_png, "again.png", "image/png");
        Assert.NotEqual(url, second);
        Assert.False(File.Exists(Path.Combine(Server.StorageRoot, stored)));

        // null clears it.
        using var cleared = await client.PatchJsonAsync(Profile, new JsonObject { ["profile_image"] = null });
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Null((await cleared.ReadJsonAsync())!["profile_image"]);
    }

    [Fact]
    public async Task Non_images_are_refused_whatever_their_name_and_nothing_is_stored()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var storedBefore = StoredPictures();
        var pdf = "%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n"u8.ToArray();
        foreach (var (content, name, type) in new[] { (pdf, "photo.png", "image/png"), ("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray(), "x.svg", "image/svg+xml") })
        {
            using var response = await client.PatchAsync(Profile, Multipart(content, name, type, ("first_name", "Changed")));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(
                "Upload a valid image. The file you uploaded was either not an image or a corrupted image.",
                (await response.ReadJsonAsync())!["profile_image"]![0]!.GetValue<string>());
        }
        using (var empty = await client.PatchAsync(Profile, Multipart([], "empty.png", "image/png")))
        {
            Assert.Equal("The submitted file is empty.", (await empty.ReadJsonAsync())!["profile_image"]![0]!.GetValue<string>());
        }
        await using var db = Server.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Id == session.UserId);
        Assert.Null(user.ProfileImage);
        Assert.Equal("Test", user.FirstName);
        Assert.Equal(storedBefore, StoredPictures());
    }

    string[] StoredPictures()
    {
        var folder = Path.Combine(Server.StorageRoot, "profiles");
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Order(StringComparer.Ordinal)] : [];
    }

    [Fact]
    public async Task Oversized_picture_is_refused()
    {
        await using var server = await ApiServer.StartAsync(new() { ["Auth:ProfileImages:MaxBytes"] = "1024" });
        var (client, session) = await server.CreateUserClientAsync();
        var big = new byte[4096];
        s_png.CopyTo(big, 0);
        using (var response = await client.PatchAsync(Profile, Multipart(big, "big.png", "image/png")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("too large", (await response.ReadJsonAsync())!["profile_image"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }
        // Beyond the endpoint's body limit (picture limit + 1 MiB of form): 413 before anything is read.
        using (var huge = await client.SendOversizedAsync(HttpMethod.Patch, Profile, Multipart(new byte[1024 * 1024 + 4096], "huge.png", "image/png")))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        }
        Assert.False(Directory.Exists(Path.Combine(server.StorageRoot, "profiles")) && Directory.EnumerateFiles(Path.Combine(server.StorageRoot, "profiles")).Any());
        await using var db = server.CreateDbContext();
        Assert.Null((await db.Users.SingleAsync(u => u.Id == session.UserId)).ProfileImage);
    }

    [Fact]
    public async Task A_string_is_not_a_file()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        using var response = await client.PatchJsonAsync(Profile, new { profile_image = "../../etc/passwd" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The submitted data was not a file. Check the encoding type on the form.",
            (await response.ReadJsonAsync())!["profile_image"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/media/profiles/..%2F..%2Fappsettings.json")]
    [InlineData("/media/profiles/nothing-here.png")]
    [InlineData("/media/profiles/secret.txt")]
    public async Task Media_serves_only_stored_pictures(string path)
    {
        File.WriteAllText(Path.Combine(Server.StorageRoot, "secret.txt"), "secret");
        Directory.CreateDirectory(Path.Combine(Server.StorageRoot, "profiles"));
        File.WriteAllText(Path.Combine(Server.StorageRoot, "profiles", "secret.txt"), "secret");
        using var response = await Server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Profile_requires_authentication()
    {
        using var get = await Server.Client.GetAsync(Profile);
        using var patch = await Server.Client.PatchJsonAsync(Profile, new { first_name = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, patch.StatusCode);
    }

    static async Task<string> UploadAsync(HttpClient client, byte[] content, string name, string type, params (string Key, string Value)[] fields)
    {
        using var response = await client.PatchAsync(Profile, Multipart(content, name, type, fields));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!["profile_image"]!.GetValue<string>();
    }

    static MultipartFormDataContent Multipart(byte[] content, string name, string type, params (string Key, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(file, "profile_image", name);
        foreach (var (key, value) in fields)
        {
            form.Add(new StringContent(value), key);
        }
        return form;
    }

    static Task<HttpResponseMessage> SendJsonAsync(HttpClient client, string method, string url, JsonObject body) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(body) });
}
