using System.IO.Compression;
using System.Net;
using CvTailor.Tests.Embeddings;
using CvTailor.Tests.Infrastructure;

namespace CvTailor.Tests.Api.Artifacts;

/// <summary>DOCX uploads over the archive limits (<c>Storage:Archive</c>) are refused before anything is stored.</summary>
public sealed class ArchiveUploadTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    ApiServer Server => api.Server;

    [Fact]
    public async Task A_zip_bomb_docx_is_refused_on_upload_with_the_reason()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var before = await Server.CountsAsync(session.UserId);
        var stored = Server.StoredFileCount();

        using var body = ArtifactClient.Multipart("files", [("bomb.docx", ZipBomb.Docx(300L * 1024 * 1024), DocxType)],
            [("metadata.title", "Bomb"), ("metadata.description", "A decompression bomb")]);
        using var response = await client.PostAsync($"{ArtifactClient.Root}upload/", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.ReadJsonAsync())!["files"]![0]!.GetValue<string>();
        Assert.StartsWith("File bomb.docx was refused: word/document.xml inflates to", error, StringComparison.Ordinal);
        Assert.Equal(before, await Server.CountsAsync(session.UserId));
        Assert.Equal(stored, Server.StoredFileCount());
    }

    [Fact]
    public async Task A_docx_with_too_many_entries_is_refused_on_upload()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        var id = await client.CreateAsync();
        using var body = ArtifactClient.Multipart("files", [("many.docx", ManyEntries(1500), DocxType)]);
        using var response = await client.PostAsync($"{ArtifactClient.Root}{id}/upload/", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("File many.docx was refused: it holds 1501 entries (limit 1000).",
            (await response.ReadJsonAsync())!["files"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_real_docx_passes_the_archive_check()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        var id = await client.CreateAsync();
        using var body = ArtifactClient.Multipart("files", [("cv.docx", RealDocuments.Docx("Experience", "Built things."), DocxType)]);
        using var response = await client.PostAsync($"{ArtifactClient.Root}{id}/upload/", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    static byte[] ManyEntries(int extra)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var main = new StreamWriter(zip.CreateEntry("word/document.xml").Open()))
            {
                main.Write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body/></w:document>");
            }
            for (var i = 0; i < extra; i++)
            {
                zip.CreateEntry($"word/media/{i}.bin");
            }
        }
        return output.ToArray();
    }
}
