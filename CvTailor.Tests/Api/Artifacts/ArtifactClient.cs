using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Tests.Api.Artifacts;

/// <summary>Test-side calls to the artifacts API.</summary>
public static class ArtifactClient
{
    public const string Root = "/api/v1/artifacts/";

    public static async Task<int> CreateAsync(this HttpClient client, object? body = null)
    {
        using var response = await client.PostAsJsonAsync(Root, body ?? new { title = "Project", description = "Did things." });
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {json}");
        return json!["id"]!.GetValue<int>();
    }

    public static async Task<JsonNode> GetArtifactAsync(this HttpClient client, int id)
    {
        using var response = await client.GetAsync($"{Root}{id}/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())!;
    }

    public static ByteArrayContent FilePart(byte[] bytes, string contentType)
    {
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return part;
    }

    /// <summary>A multipart body with the given files under <paramref name="field"/> and optional text parts.</summary>
    public static MultipartFormDataContent Multipart(
        string field, IEnumerable<(string Name, byte[] Bytes, string ContentType)> files, IEnumerable<(string Name, string Value)>? values = null)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, bytes, type) in files)
        {
            content.Add(FilePart(bytes, type), field, name);
        }
        foreach (var (name, value) in values ?? [])
        {
            content.Add(new StringContent(value), name);
        }
        return content;
    }

    public static async Task<T> InDbAsync<T>(this ApiServer server, Func<CvTailor.Data.CvTailorDbContext, Task<T>> query)
    {
        await using var db = server.CreateDbContext();
        return await query(db);
    }

    /// <summary>Row counts of everything an artifact request can write, for "nothing changed" checks.</summary>
    public static Task<(int Artifacts, int Links, int Files, int Jobs, int Processing)> CountsAsync(this ApiServer server, long userId) =>
        server.InDbAsync(async db => (
            await db.Artifacts.CountAsync(a => a.UserId == userId),
            await db.EvidenceLinks.CountAsync(l => l.Artifact!.UserId == userId),
            await db.UploadedFiles.CountAsync(f => f.UserId == userId),
            await db.EmbeddingJobs.CountAsync(j => j.UserId == userId),
            await db.ArtifactProcessingJobs.CountAsync(j => j.Artifact!.UserId == userId)));

    public static int StoredFileCount(this ApiServer server)
    {
        var uploads = Path.Combine(server.StorageRoot, "uploads");
        return Directory.Exists(uploads) ? Directory.GetFiles(uploads).Length : 0;
    }
}
