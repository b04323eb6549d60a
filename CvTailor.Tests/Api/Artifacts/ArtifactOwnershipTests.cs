using System.Net;
using System.Net.Http.Json;
using CvTailor.Tests.Infrastructure;

namespace CvTailor.Tests.Api.Artifacts;

/// <summary>Every id-taking endpoint, called with another user's id: the contract's 404 and no change at all.</summary>
public sealed class ArtifactOwnershipTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    ApiServer Server => api.Server;

    [Fact]
    public async Task Another_users_ids_are_not_found_and_nothing_changes()
    {
        var (owner, ownerSession) = await Server.CreateUserClientAsync();
        var (intruder, intruderSession) = await Server.CreateUserClientAsync();
        var id = await owner.CreateAsync(new
        {
            title = "Private", description = "Mine", evidence_links = new[] { new { url = "https://example.com", link_type = "website" } },
        });
        using (var upload = await owner.PostAsync($"{ArtifactClient.Root}{id}/upload/",
                   ArtifactClient.Multipart("files", [("cv.pdf", SampleFiles.Pdf(), "application/pdf")])))
        {
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        }
        await Server.WaitForProcessingAsync(id); // the link checks write the links; let them finish first
        var before = await owner.GetArtifactAsync(id);
        var links = before["evidence_links"]!.AsArray();
        var urlLinkId = links[0]!["id"]!.GetValue<long>();
        var fileLink = links[1]!;
        var fileId = await Server.InDbAsync(db => Task.FromResult(db.UploadedFiles.Single(f => f.UserId == ownerSession.UserId).Id));
        var countsBefore = await Server.CountsAsync(ownerSession.UserId);
        var storedBefore = Server.StoredFileCount();

        var link = new { url = "https://evil.example.com", link_type = "website" };
        var artifactNotFound = ("detail", "No Artifact matches the given query.");
        var calls = new (string Name, Func<Task<HttpResponseMessage>> Call, HttpStatusCode Status, (string Key, string Message) Body)[]
        {
            ("get", () => intruder.GetAsync($"{ArtifactClient.Root}{id}/"), HttpStatusCode.NotFound, artifactNotFound),
            ("put", () => intruder.PutAsJsonAsync($"{ArtifactClient.Root}{id}/", new { title = "x", description = "y" }), HttpStatusCode.NotFound, artifactNotFound),
            ("patch", () => intruder.PatchJsonAsync($"{ArtifactClient.Root}{id}/", new { title = "x" }), HttpStatusCode.NotFound, artifactNotFound),
            ("patch-invalid", () => intruder.PatchJsonAsync($"{ArtifactClient.Root}{id}/", new { title = "" }), HttpStatusCode.NotFound, artifactNotFound),
            ("delete", () => intruder.DeleteAsync($"{ArtifactClient.Root}{id}/"), HttpStatusCode.NotFound, artifactNotFound),
            ("upload", () => intruder.PostAsync($"{ArtifactClient.Root}{id}/upload/",
                ArtifactClient.Multipart("files", [("x.pdf", SampleFiles.Pdf(), "application/pdf")])), HttpStatusCode.NotFound, ("error", "Artifact not found")),
            ("status", () => intruder.GetAsync($"{ArtifactClient.Root}{id}/status/"), HttpStatusCode.NotFound, ("error", "Artifact not found")),
            ("link-create", () => intruder.PostAsJsonAsync($"{ArtifactClient.Root}{id}/evidence-links/", link), HttpStatusCode.NotFound, ("error", "Artifact not found")),
            ("link-update", () => intruder.PutAsJsonAsync($"{ArtifactClient.Root}evidence-links/{urlLinkId}/", link), HttpStatusCode.NotFound, ("error", "Evidence link not found")),
            ("link-delete", () => intruder.DeleteAsync($"{ArtifactClient.Root}evidence-links/{urlLinkId}/"), HttpStatusCode.NotFound, ("error", "Evidence link not found")),
            ("file-link-delete", () => intruder.DeleteAsync($"{ArtifactClient.Root}evidence-links/{fileLink["id"]}/"), HttpStatusCode.NotFound, ("error", "Evidence link not found")),
            ("file-download", () => intruder.GetAsync($"{ArtifactClient.Root}files/{fileId}/"), HttpStatusCode.NotFound, ("error", "File not found")),
            ("file-delete", () => intruder.DeleteAsync($"{ArtifactClient.Root}files/{fileId}/"), HttpStatusCode.NotFound, ("error", "File not found")),
            ("bulk", () => intruder.PatchJsonAsync($"{ArtifactClient.Root}bulk/",
                new { artifact_ids = new[] { id }, action = "update_type", values = new { artifact_type = "education" } }),
                HttpStatusCode.BadRequest, ("error", "Some artifacts not found or not owned by user")),
        };
        foreach (var (name, call, status, (key, message)) in calls)
        {
            using var response = await call();
            Assert.True(status == response.StatusCode, $"{name}: {(int)response.StatusCode}");
            Assert.True(message == (await response.ReadJsonAsync())![key]?.GetValue<string>(), name);
        }

        using (var list = await intruder.GetAsync(ArtifactClient.Root))
        {
            Assert.Equal(0, (await list.ReadJsonAsync())!["count"]!.GetValue<int>());
        }
        var after = await owner.GetArtifactAsync(id);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        Assert.Equal(countsBefore, await Server.CountsAsync(ownerSession.UserId));
        Assert.Equal((0, 0, 0, 0, 0), await Server.CountsAsync(intruderSession.UserId));
        Assert.Equal(storedBefore, Server.StoredFileCount());
        Assert.True(File.Exists(Path.Combine(Server.StorageRoot, fileLink["file_path"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Suggestions_never_include_another_users_technologies()
    {
        var (owner, _) = await Server.CreateUserClientAsync();
        var (other, _) = await Server.CreateUserClientAsync();
        await owner.CreateAsync(new { title = "T", description = "D", technologies = new[] { "SecretFramework" } });
        using var response = await other.GetAsync($"{ArtifactClient.Root}suggestions/?q=secret");
        Assert.Empty((await response.ReadJsonAsync())!["suggestions"]!.AsArray());
    }
}
