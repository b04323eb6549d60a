using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Tests.Api.Artifacts;

/// <summary>R6–R9 and R14 with real multipart bodies and real files in a temporary storage root.</summary>
public sealed class ArtifactUploadTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    const string Pdf = "application/pdf";
    const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    ApiServer Server => api.Server;

    [Fact]
    public async Task Upload_attaches_each_file_to_the_artifact_as_an_evidence_link()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var id = await client.CreateAsync();
        using var body = ArtifactClient.Multipart("files",
        [
            ("cv.pdf", SampleFiles.Pdf(), Pdf),
            ("letter.docx", SampleFiles.Docx(), DocxType),
            ("old.doc", SampleFiles.Doc(), "application/msword"),
            ("notes.md", SampleFiles.Markdown(), "text/markdown"),
            ("notes.txt", SampleFiles.Text(), "text/plain"),
        ]);
        using var response = await client.PostAsync($"{ArtifactClient.Root}{id}/upload/", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var uploaded = (await response.ReadJsonAsync())!["uploaded_files"]!.AsArray();
        Assert.Equal(5, uploaded.Count);
        Assert.Equal(["file_id", "filename", "size", "mime_type", "evidence_link_id"], uploaded[0]!.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal(["application/pdf", DocxType, "application/msword", "text/markdown", "text/plain"],
            uploaded.Select(u => u!["mime_type"]!.GetValue<string>()).ToArray());

        var detail = await client.GetArtifactAsync(id);
        var links = detail["evidence_links"]!.AsArray();
        Assert.Equal(5, links.Count);
        var first = links[0]!;
        Assert.Equal("document", first["link_type"]!.GetValue<string>());
        Assert.Equal("Uploaded file: cv.pdf", first["description"]!.GetValue<string>());
        Assert.Equal(SampleFiles.Pdf().Length, first["file_size"]!.GetValue<int>());
        var path = first["file_path"]!.GetValue<string>();
        Assert.Matches("^uploads/[0-9a-f]{32}\\.pdf$", path);
        Assert.Equal("/media/" + path, first["url"]!.GetValue<string>());
        Assert.Equal(SampleFiles.Pdf(), await File.ReadAllBytesAsync(Path.Combine(Server.StorageRoot, path)));

        var files = await Server.InDbAsync(db => db.UploadedFiles.Where(f => f.UserId == session.UserId).ToListAsync());
        Assert.Equal(5, files.Count);
        Assert.All(files, f => Assert.Contains(links, l => l!["file_path"]!.GetValue<string>() == f.File));
        // create + upload: two embedding jobs; the upload also opened a processing job.
        var counts = await Server.CountsAsync(session.UserId);
        Assert.Equal((2, 1), (counts.Jobs, counts.Processing));
    }

    // Samples are named, not inlined: theory data is enumerated (and serialised) at discovery, and a 10 MB array
    // there costs gigabytes.
    [Theory]
    [InlineData("renamed.docx", "pdf", DocxType, "File renamed.docx is not a valid DOCX file")]
    [InlineData("../../etc/passwd.pdf", "txt", Pdf, "File passwd.pdf is not a valid PDF file")]
    [InlineData("picture.png", "png", "image/png", "File picture.png has unsupported type: image/png")]
    [InlineData("empty.pdf", "empty", Pdf, "File empty.pdf is empty.")]
    [InlineData("big.pdf", "pdf+10MB", Pdf, "File big.pdf exceeds 10MB size limit.")]
    public async Task A_bad_file_refuses_the_whole_upload_and_nothing_is_written(string name, string sample, string type, string message)
    {
        byte[] bytes = sample switch
        {
            "empty" => [],
            "pdf+10MB" => [.. SampleFiles.Pdf(), .. new byte[10 * 1024 * 1024]],
            _ => UploadContentTests.Sample(sample),
        };
        var (client, session) = await Server.CreateUserClientAsync();
        var id = await client.CreateAsync();
        var before = await Server.CountsAsync(session.UserId);
        var storedBefore = Server.StoredFileCount();

        using var body = ArtifactClient.Multipart("files", [("good.pdf", SampleFiles.Pdf(), Pdf), (name, bytes, type)]);
        using var response = await client.PostAsync($"{ArtifactClient.Root}{id}/upload/", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.ReadJsonAsync())!["files"]![0]!.GetValue<string>();
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.Equal(before, await Server.CountsAsync(session.UserId));
        Assert.Equal(storedBefore, Server.StoredFileCount());
    }

    [Fact]
    public async Task A_traversal_file_name_never_reaches_the_disk_path()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        var id = await client.CreateAsync();
        using var body = ArtifactClient.Multipart("files", [("../../../../tmp/evil.pdf", SampleFiles.Pdf(), Pdf)]);
        using var response = await client.PostAsync($"{ArtifactClient.Root}{id}/upload/", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var uploaded = (await response.ReadJsonAsync())!["uploaded_files"]![0]!;
        Assert.Equal("evil.pdf", uploaded["filename"]!.GetValue<string>());
        var link = (await client.GetArtifactAsync(id))["evidence_links"]![0]!;
        Assert.DoesNotContain("evil", link["file_path"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Server.StorageRoot, link["file_path"]!.GetValue<string>())));
    }

    [Fact]
    public async Task More_than_ten_files_are_refused()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var id = await client.CreateAsync();
        using var body = ArtifactClient.Multipart("files", Enumerable.Range(0, 11).Select(i => ($"f{i}.txt", SampleFiles.Text(), "text/plain")));
        using var response = await client.PostAsync($"{ArtifactClient.Root}{id}/upload/", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Maximum 10 files allowed per upload.", (await response.ReadJsonAsync())!["files"]![0]!.GetValue<string>());
        Assert.Equal(0, (await Server.CountsAsync(session.UserId)).Files);
    }

    [Fact]
    public async Task A_body_over_the_upload_limit_is_413()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var id = await client.CreateAsync();
        // Eleven files of 10 MB each exceed 10 × 10 MB + 1 MB.
        var big = new byte[10 * 1024 * 1024];
        using var response = await client.SendOversizedAsync(HttpMethod.Post, $"{ArtifactClient.Root}{id}/upload/",
            ArtifactClient.Multipart("files", Enumerable.Range(0, 11).Select(i => ($"f{i}.txt", big, "text/plain"))));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, (await Server.CountsAsync(session.UserId)).Files);
    }

    [Fact]
    public async Task Upload_without_files_or_as_json_is_refused()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        var id = await client.CreateAsync();
        using var none = await client.PostAsync($"{ArtifactClient.Root}{id}/upload/",
            ArtifactClient.Multipart("other", [("a.pdf", SampleFiles.Pdf(), Pdf)]));
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal("No files provided", (await none.ReadJsonAsync())!["error"]!.GetValue<string>());

        using var json = await client.PostAsJsonAsync($"{ArtifactClient.Root}{id}/upload/", new { files = new[] { "x" } });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);

        using var missing = await client.PostAsync($"{ArtifactClient.Root}{int.MaxValue}/upload/",
            ArtifactClient.Multipart("files", [("a.pdf", SampleFiles.Pdf(), Pdf)]));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Artifact not found", (await missing.ReadJsonAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bulk_upload_reads_a_single_json_metadata_part_as_the_react_client_sends_it()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var metadata = JsonSerializer.Serialize(new
        {
            title = "Thesis",
            description = "Master's thesis",
            artifact_type = "publication",
            start_date = "2020-09-01",
            technologies = new[] { "R", "Stan" },
            evidence_links = new[] { new { url = "https://arxiv.org/abs/1234", link_type = "document", description = "arXiv" } },
        });
        using var body = ArtifactClient.Multipart("files", [("thesis.pdf", SampleFiles.Pdf(), Pdf)], [("metadata", metadata)]);
        using var response = await client.PostAsync($"{ArtifactClient.Root}upload/", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var json = (await response.ReadJsonAsync())!;
        Assert.Equal(["artifact_id", "status", "task_id", "estimated_completion", "uploaded_files_count", "evidence_links_count"],
            json.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal("processing", json["status"]!.GetValue<string>());
        Assert.Equal(1, json["uploaded_files_count"]!.GetValue<int>());
        Assert.Equal(1, json["evidence_links_count"]!.GetValue<int>());
        Assert.Matches(@"\+00:00$", json["estimated_completion"]!.GetValue<string>());
        var id = json["artifact_id"]!.GetValue<int>();

        var detail = await client.GetArtifactAsync(id);
        Assert.Equal("Thesis", detail["title"]!.GetValue<string>());
        Assert.Equal("""["R","Stan"]""", detail["technologies"]!.ToJsonString());
        var links = detail["evidence_links"]!.AsArray();
        Assert.Equal(2, links.Count);
        Assert.Contains(links, l => l!["url"]!.GetValue<string>() == "https://arxiv.org/abs/1234");
        Assert.Contains(links, l => l!["file_path"]!.GetValue<string>().EndsWith(".pdf", StringComparison.Ordinal));

        var job = await Server.InDbAsync(db => db.ArtifactProcessingJobs.SingleAsync(j => j.ArtifactId == id));
        Assert.Equal(json["task_id"]!.GetValue<string>(), job.Id.ToString());
        var counts = await Server.CountsAsync(session.UserId);
        Assert.Equal((1, 2, 1, 1, 1), counts);

        // Processed (the test Api checks no link off this machine), but the artifact's embedding job is still open.
        await Server.WaitForProcessingAsync(id);
        using var status = await client.GetAsync($"{ArtifactClient.Root}{id}/status/");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var statusJson = (await status.ReadJsonAsync())!;
        Assert.Equal("processing", statusJson["status"]!.GetValue<string>());
        Assert.Equal(90, statusJson["progress_percentage"]!.GetValue<int>());
        Assert.Equal(2, statusJson["total_evidence_count"]!.GetValue<int>());
        Assert.Equal(2, statusJson["processed_evidence_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bulk_upload_reads_metadata_dot_key_parts()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        using var body = ArtifactClient.Multipart("files", [],
        [
            ("metadata.title", "Side project"),
            ("metadata.description", "A small tool"),
            ("metadata.technologies", "Rust, WebAssembly"),
            ("metadata.start_date", ""),
            ("metadata.evidence_links", """[{"url": "https://github.com/me/tool", "type": "github"}]"""),
        ]);
        using var response = await client.PostAsync($"{ArtifactClient.Root}upload/", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.ReadJsonAsync())!["artifact_id"]!.GetValue<int>();
        var detail = await client.GetArtifactAsync(id);
        Assert.Equal("""["Rust","WebAssembly"]""", detail["technologies"]!.ToJsonString());
        Assert.Null(detail["start_date"]);
        Assert.Equal("github", detail["evidence_links"]![0]!["link_type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"description": "d"}""", "Metadata missing required field: title")]
    [InlineData("""{"title": "t", "description": "d", "evidence_links": [{"type": "github"}]}""", "Evidence links must contain 'url' field.")]
    [InlineData("""{"title": "t", "description": "d", "evidence_links": [{"url": "https://a.example.com"}]}""", "Evidence links must contain 'type' field.")]
    [InlineData("""not json""", "Metadata is not valid JSON.")]
    [InlineData("""["a"]""", "Expected a dictionary of items but got type \"list\".")]
    public async Task Bulk_upload_metadata_errors_use_the_contract_messages(string metadata, string message)
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var stored = Server.StoredFileCount();
        using var body = ArtifactClient.Multipart("files", [("a.pdf", SampleFiles.Pdf(), Pdf)], [("metadata", metadata)]);
        using var response = await client.PostAsync($"{ArtifactClient.Root}upload/", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (await response.ReadJsonAsync())!["metadata"]![0]!.GetValue<string>());
        Assert.Equal((0, 0, 0, 0, 0), await Server.CountsAsync(session.UserId));
        Assert.Equal(stored, Server.StoredFileCount());
    }

    [Fact]
    public async Task Bulk_upload_with_a_renamed_pdf_creates_nothing()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        using var body = ArtifactClient.Multipart("files", [("cv.docx", SampleFiles.Pdf(), DocxType)],
            [("metadata", """{"title": "t", "description": "d"}""")]);
        using var response = await client.PostAsync($"{ArtifactClient.Root}upload/", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())!["files"]);
        Assert.Equal((0, 0, 0, 0, 0), await Server.CountsAsync(session.UserId));
    }

    [Fact]
    public async Task Status_is_404_without_a_processing_job_and_completes_with_the_embedding_job()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var plain = await client.CreateAsync();
        using var none = await client.GetAsync($"{ArtifactClient.Root}{plain}/status/");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal("No processing job found for this artifact", (await none.ReadJsonAsync())!["error"]!.GetValue<string>());

        using var upload = await client.PostAsync($"{ArtifactClient.Root}{plain}/upload/",
            ArtifactClient.Multipart("files", [("a.md", SampleFiles.Markdown(), "text/markdown")]));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);

        // Processing done and a worker finishing the queued embedding job complete the status.
        await Server.WaitForProcessingAsync(plain);
        await Server.InDbAsync(async db =>
        {
            var job = await db.EmbeddingJobs.Where(j => j.UserId == session.UserId && j.ArtifactId == plain).OrderByDescending(j => j.Id).FirstAsync();
            job.Status = "done";
            job.CompletedAt = DateTime.UtcNow;
            return await db.SaveChangesAsync();
        });
        using var done = await client.GetAsync($"{ArtifactClient.Root}{plain}/status/");
        var json = (await done.ReadJsonAsync())!;
        Assert.Equal("completed", json["status"]!.GetValue<string>());
        Assert.Equal(100, json["progress_percentage"]!.GetValue<int>());
        Assert.NotNull(json["completed_at"]);
    }

    [Fact]
    public async Task Single_file_upload_stores_a_file_with_no_artifact()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        using var response = await client.PostAsync($"{ArtifactClient.Root}upload-file/",
            ArtifactClient.Multipart("file", [("résumé.pdf", SampleFiles.Pdf(), "application/octet-stream")]));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = (await response.ReadJsonAsync())!;
        Assert.Equal(["file_id", "filename", "size", "mime_type", "url"], json.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal("résumé.pdf", json["filename"]!.GetValue<string>());
        Assert.Equal("application/pdf", json["mime_type"]!.GetValue<string>());
        Assert.Matches("^/media/uploads/[0-9a-f]{32}\\.pdf$", json["url"]!.GetValue<string>());
        Assert.Equal((0, 0, 1, 0, 0), await Server.CountsAsync(session.UserId));

        using (var download = await client.GetAsync($"{ArtifactClient.Root}files/{json["file_id"]}/"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
            Assert.Equal("résumé.pdf", download.Content.Headers.ContentDisposition!.FileNameStar);
            Assert.Equal(SampleFiles.Pdf(), await download.Content.ReadAsByteArrayAsync());
        }

        using var missing = await client.PostAsync($"{ArtifactClient.Root}upload-file/",
            ArtifactClient.Multipart("files", [("a.pdf", SampleFiles.Pdf(), Pdf)]));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("No file was submitted.", (await missing.ReadJsonAsync())!["file"]![0]!.GetValue<string>());

        using var renamed = await client.PostAsync($"{ArtifactClient.Root}upload-file/",
            ArtifactClient.Multipart("file", [("cv.docx", SampleFiles.Pdf(), DocxType)]));
        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);
        Assert.Equal(1, (await Server.CountsAsync(session.UserId)).Files);
    }

    [Fact]
    public async Task File_delete_removes_the_row_the_links_and_the_bytes_and_re_embeds_the_artifact()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var id = await client.CreateAsync();
        using var upload = await client.PostAsync($"{ArtifactClient.Root}{id}/upload/",
            ArtifactClient.Multipart("files", [("cv.pdf", SampleFiles.Pdf(), Pdf), ("notes.txt", SampleFiles.Text(), "text/plain")]));
        var uploaded = (await upload.ReadJsonAsync())!["uploaded_files"]!.AsArray();
        var fileId = uploaded[0]!["file_id"]!.GetValue<string>();
        var path = (await client.GetArtifactAsync(id))["evidence_links"]![0]!["file_path"]!.GetValue<string>();
        var jobsBefore = (await Server.CountsAsync(session.UserId)).Jobs;

        using var response = await client.DeleteAsync($"{ArtifactClient.Root}files/{fileId}/");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(File.Exists(Path.Combine(Server.StorageRoot, path)));
        var links = (await client.GetArtifactAsync(id))["evidence_links"]!.AsArray();
        Assert.Equal("notes.txt", Assert.Single(links)!["description"]!.GetValue<string>()["Uploaded file: ".Length..]);
        var counts = await Server.CountsAsync(session.UserId);
        Assert.Equal((1, 1, jobsBefore + 1), (counts.Files, counts.Links, counts.Jobs));

        using var again = await client.DeleteAsync($"{ArtifactClient.Root}files/{fileId}/");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("File not found", (await again.ReadJsonAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_a_file_link_or_its_artifact_removes_the_stored_file()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var id = await client.CreateAsync();
        using var upload = await client.PostAsync($"{ArtifactClient.Root}{id}/upload/",
            ArtifactClient.Multipart("files", [("a.pdf", SampleFiles.Pdf(), Pdf), ("b.pdf", SampleFiles.Pdf("B"), Pdf)]));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var links = (await client.GetArtifactAsync(id))["evidence_links"]!.AsArray();
        var pathA = links[0]!["file_path"]!.GetValue<string>();
        var pathB = links[1]!["file_path"]!.GetValue<string>();

        using var linkDelete = await client.DeleteAsync($"{ArtifactClient.Root}evidence-links/{links[0]!["id"]}/");
        Assert.Equal(HttpStatusCode.NoContent, linkDelete.StatusCode);
        Assert.False(File.Exists(Path.Combine(Server.StorageRoot, pathA)));
        Assert.True(File.Exists(Path.Combine(Server.StorageRoot, pathB)));
        Assert.Equal(1, (await Server.CountsAsync(session.UserId)).Files);

        using var artifactDelete = await client.DeleteAsync($"{ArtifactClient.Root}{id}/");
        Assert.Equal(HttpStatusCode.NoContent, artifactDelete.StatusCode);
        Assert.False(File.Exists(Path.Combine(Server.StorageRoot, pathB)));
        Assert.Equal(0, (await Server.CountsAsync(session.UserId)).Files);
    }
}
