using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using CvTailor.SqliteTransfer.Import;
using CvTailor.Tests.Infrastructure;

namespace CvTailor.Tests.SqliteTransfer;

/// <summary>The point of carrying Django's hashes verbatim: an imported user signs in to the new Api with the old password.</summary>
[Collection(SqliteTransferCliGroup.Name)]
public sealed class ImportedLoginTests : IDisposable
{
    const string OldPassword = "Pässwörd from 2024 🙂";
    readonly OriginalDatabaseFixture _original = new();

    /// <summary>What Django 4.2's default hasher stores: PBKDF2-HMAC-SHA256, 600,000 iterations, 32-byte key, base64.</summary>
    static string DjangoHash(string password, string salt, int iterations = 600_000) =>
        $"pbkdf2_sha256${iterations}${salt}$" + Convert.ToBase64String(
            Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(salt), iterations, HashAlgorithmName.SHA256, 32));

    [Fact]
    public async Task A_migrated_user_signs_in_with_the_old_password_and_new_ids_continue_past_the_old_ones()
    {
        _original.Execute($"UPDATE accounts_user SET password = '{DjangoHash(OldPassword, "mXq2RZ0bT7kfLw4v")}' WHERE id = 1");
        await using var server = await ApiServer.StartAsync();
        var imported = await new SqliteImporter(SilentProgress.Instance).RunAsync(new ImportOptions
        {
            SourcePath = _original.DatabasePath,
            TargetConnectionString = server.ConnectionString,
            MediaDirectory = _original.MediaDirectory,
            StorageRoot = server.StorageRoot,
        }, CancellationToken.None);
        Assert.Equal(ImportOutcome.Imported, imported.Outcome);

        var session = await server.LoginAsync("ana@example.org", OldPassword);
        Assert.Equal(1, session.UserId);
        using var client = server.CreateAuthenticatedClient(session.Access);
        using var profile = await client.GetAsync("/api/v1/auth/profile/");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        var json = System.Text.Json.Nodes.JsonNode.Parse(await profile.Content.ReadAsStringAsync())!;
        Assert.Equal(OriginalDatabaseFixture.EmojiText, json["first_name"]!.GetValue<string>());

        using var wrong = await server.Client.PostAsJsonAsync("/api/v1/auth/login/", new { email = "ana@example.org", password = OldPassword + "x" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);

        // The Google-only user's unusable "!" password never matches, whatever is typed.
        using var google = await server.Client.PostAsJsonAsync("/api/v1/auth/login/",
            new { email = "bob@gmail.com", password = OriginalDatabaseFixture.GoogleOnlyPassword });
        Assert.Equal(HttpStatusCode.BadRequest, google.StatusCode);

        // sqlite_sequence said 9 for accounts_user: the first user registered after the import gets 10.
        var newcomer = await server.RegisterAsync();
        Assert.Equal(10, newcomer.UserId);
    }

    public void Dispose() => _original.Dispose();
}
