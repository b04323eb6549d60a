using System.Net;
using System.Net.Http.Json;
using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CvTailor.Data.Queue;
using CvTailor.Embeddings.Models;
using CvTailor.Tests.Api.Artifacts;
using CvTailor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CvTailor.Tests.Embeddings;

/// <summary>
/// The Api and the Embeddings worker on one database and storage root, both real hosts on Kestrel: artifacts
/// created, changed, given files and deleted through the Api get their vectors written, replaced and removed.
/// </summary>
public sealed class WorkerEndToEndTests : IAsyncLifetime
{
    static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    static readonly string[] s_technologies = ["Rust", "Kafka"];

    ApiServer _api = null!;
    EmbeddingsServer _embeddings = null!;
    NpgsqlDataSource _data = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiServer.StartAsync();
        _embeddings = await EmbeddingsServer.StartAsync(_api.ConnectionString, _api.StorageRoot);
        _data = WorkerRows.DataSource(_api.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _embeddings.DisposeAsync();
        await _api.DisposeAsync();
        await _data.DisposeAsync();
    }

    Task<IReadOnlyList<StoredArtifactVectors>> WaitForVectorsAsync(int artifactId, Func<StoredArtifactVectors, bool> done) =>
        Eventually.WaitAsync(() => WorkerRows.VectorsOfAsync(_data, artifactId), rows => rows.Count == 1 && done(rows[0]),
            s_timeout, $"vectors of artifact {artifactId}");

    async Task WaitForJobsAsync(int artifactId) =>
        await Eventually.WaitAsync(() => WorkerRows.JobsAsync(_data, artifactId), WorkerRows.AllFinished, s_timeout, "jobs to finish");

    [Fact]
    public async Task Vectors_appear_change_and_disappear_with_the_artifact()
    {
        var (client, _) = await _api.CreateUserClientAsync();
        var id = await client.CreateAsync(new
        {
            title = "Realtime bidding engine",
            description = "Built a low-latency bidding engine in Rust.\n\nScaled it to 1M requests per second.",
            technologies = s_technologies,
        });

        var created = (await WaitForVectorsAsync(id, _ => true))[0];
        Assert.Equal(LocalUseLiteEmbeddingGenerator.ModelId, created.Model);
        Assert.Equal(512, created.Dimensions);
        Assert.Equal(created.Chunks.Count, created.TotalChunks);
        var text = string.Join("\n", created.Chunks.Select(c => c.Content));
        Assert.Contains("bidding engine in Rust", text, StringComparison.Ordinal);
        Assert.Contains("Technologies: Rust, Kafka", text, StringComparison.Ordinal);
        var model = _embeddings.Services.GetRequiredService<LocalUseLiteEmbeddingGenerator>().Model;
        foreach (var chunk in created.Chunks)
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(chunk.Content))), chunk.Hash);
            Assert.Equal("use-lite", chunk.Model);
            Assert.Equal(512, chunk.Dimensions);
            // At the model's width, in the 512-wide column (no padding).
            Assert.True(chunk.Narrow);
            Assert.Equal(512, chunk.Vector.Length);
            Assert.True(TensorPrimitives.CosineSimilarity(chunk.Vector, model.Embed([chunk.Content])[0]) > 0.9999f);
            Assert.True(model.CountTokens(chunk.Content) <= 128);
        }

        // Changed content: new chunks replace the old ones.
        using (var patch = await client.PatchJsonAsync($"/api/v1/artifacts/{id}/", new { description = "Rewrote the engine in Go with gRPC streaming." }))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }
        var changed = (await WaitForVectorsAsync(id, r => r.Chunks.Any(c => c.Content.Contains("gRPC streaming", StringComparison.Ordinal))))[0];
        Assert.Equal(created.Id, changed.Id);
        Assert.DoesNotContain(changed.Chunks, c => c.Content.Contains("bidding engine in Rust", StringComparison.Ordinal));
        Assert.Equal(changed.Chunks.Count, changed.Chunks.Select(c => c.Index).Distinct().Count());
        await WaitForJobsAsync(id);

        // Same content again: the job completes without re-embedding.
        using (var same = await client.PatchJsonAsync($"/api/v1/artifacts/{id}/", new { description = "Rewrote the engine in Go with gRPC streaming." }))
        {
            Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        }
        await WaitForJobsAsync(id);
        var jobs = await WorkerRows.JobsAsync(_data, id);
        Assert.All(jobs, j => Assert.Equal(EmbeddingJobStatuses.Done, j.Status));
        Assert.Equal(jobs[^2].ContentHash, jobs[^1].ContentHash);
        var unchanged = (await WorkerRows.VectorsOfAsync(_data, id))[0];
        Assert.Equal(changed.LastEmbeddingUpdate, unchanged.LastEmbeddingUpdate);

        // Deleted: the vectors go.
        using (var delete = await client.DeleteAsync($"/api/v1/artifacts/{id}/"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }
        await Eventually.WaitAsync(() => WorkerRows.VectorsOfAsync(_data, id), rows => rows.Count == 0, s_timeout, "vectors removed");
        await using var db = WorkerRows.Db(_data);
        Assert.Equal(0, db.ArtifactChunks.Count(c => c.Artifact!.OriginalArtifactId == id));
    }

    [Fact]
    public async Task Attached_pdf_docx_markdown_and_text_files_are_extracted_and_chunked()
    {
        var (client, _) = await _api.CreateUserClientAsync();
        var id = await client.CreateAsync(new { title = "Thesis", description = "Master's thesis on graph databases." });
        var longSection = string.Join(" ", Enumerable.Range(0, 12).Select(SampleText.Paragraph));
        var markdown = $"# Results\n\nQuery latency fell under ten milliseconds.\n\n## Method\n\n{longSection}\n";
        using var upload = await client.PostAsync($"/api/v1/artifacts/{id}/upload/", ArtifactClient.Multipart("files",
        [
            ("paper.pdf", RealDocuments.Pdf("Zebrafish neural recordings", "", "were sorted with a spike detector."), "application/pdf"),
            ("notes.docx", RealDocuments.Docx("Field work", "Quokka population survey on Rottnest Island."),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("readme.md", SampleFiles.Markdown(markdown), "text/markdown"),
            ("plain.txt", SampleFiles.Text("Narwhal tusk measurements.\n"), "text/plain"),
        ]));
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());

        var rows = await WaitForVectorsAsync(id, r => r.Chunks.Any(c => c.Content.Contains("Narwhal", StringComparison.Ordinal)));
        var chunks = rows[0].Chunks;
        Assert.Contains(chunks, c => c.Content.Contains("Zebrafish neural recordings", StringComparison.Ordinal) && c.Metadata.Contains("file:", StringComparison.Ordinal));
        Assert.Contains(chunks, c => c.Content == "Field work\nQuokka population survey on Rottnest Island.");
        Assert.Contains(chunks, c => c.Content.StartsWith("Results\nQuery latency fell", StringComparison.Ordinal));
        // The long section is split into several chunks under its heading, each within the model's window.
        var method = chunks.Where(c => c.Content.StartsWith("Method\n", StringComparison.Ordinal)).ToList();
        Assert.True(method.Count >= 3, $"{method.Count} chunks for the long section");
        Assert.All(method, c => Assert.Contains(c.Content["Method\n".Length..], longSection, StringComparison.Ordinal));
        var model = _embeddings.Services.GetRequiredService<LocalUseLiteEmbeddingGenerator>().Model;
        Assert.All(chunks, c => Assert.True(model.CountTokens(c.Content) <= 128, c.Content));
        var processed = JsonNode.Parse(rows[0].ProcessedContent)!;
        // The artifact's fields, four evidence descriptions ("Uploaded file: …") and the four files.
        var kinds = processed["sources"]!.AsArray().Select(x => x!["kind"]!.GetValue<string>()).Order().ToArray();
        Assert.Equal(["docx", "evidence", "evidence", "evidence", "evidence", "fields", "markdown", "pdf", "text"], kinds);
        Assert.Empty(processed["extraction_errors"]!.AsArray());
    }

    [Fact]
    public async Task Unreadable_files_are_skipped_and_reported_while_the_rest_is_embedded()
    {
        var (client, session) = await _api.CreateUserClientAsync();
        var id = await client.CreateAsync(new { title = "Broken upload", description = "The description still counts." });
        using var upload = await client.PostAsync($"/api/v1/artifacts/{id}/upload/", ArtifactClient.Multipart("files",
            [("a.md", SampleFiles.Markdown("# A\n\nreadable text"), "text/markdown")]));
        Assert.True(upload.IsSuccessStatusCode);
        await WaitForJobsAsync(id);
        // Remove the stored file behind the worker's back, then change the artifact.
        await using (var db = WorkerRows.Db(_data))
        {
            var path = db.EvidenceLinks.Single(l => l.ArtifactId == id).FilePath;
            File.Delete(Path.Combine(_api.StorageRoot, path));
        }
        using (var patch = await client.PatchJsonAsync($"/api/v1/artifacts/{id}/", new { description = "Changed after the file vanished." }))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }
        var rows = await WaitForVectorsAsync(id, r => r.Chunks.Any(c => c.Content.Contains("vanished", StringComparison.Ordinal)));
        var errors = JsonNode.Parse(rows[0].ProcessedContent)!["extraction_errors"]!.AsArray();
        Assert.Single(errors);
        Assert.DoesNotContain(rows[0].Chunks, c => c.Content.Contains("readable text", StringComparison.Ordinal));
        Assert.All(await WorkerRows.JobsAsync(_data, id), j => Assert.Equal(EmbeddingJobStatuses.Done, j.Status));
        _ = session;
    }

    [Fact]
    public async Task The_l11_and_l12_endpoints_show_the_callers_rows_without_vectors()
    {
        var (client, _) = await _api.CreateUserClientAsync();
        var (other, _) = await _api.CreateUserClientAsync();
        var id = await client.CreateAsync(new { title = "Visible", description = "Only mine." });
        await other.CreateAsync(new { title = "Hidden", description = "Someone else's." });
        var rows = await WaitForVectorsAsync(id, _ => true);

        var list = (await client.GetFromJsonAsync<JsonNode>("/api/v1/llm/enhanced-artifacts/"))!;
        Assert.Equal(1, list["count"]!.GetValue<int>());
        var item = list["results"]![0]!.AsObject();
        Assert.Equal(rows[0].Id.ToString(), item["id"]!.GetValue<string>());
        Assert.Equal(id, item["original_artifact_id"]!.GetValue<int>());
        Assert.Equal("use-lite", item["embedding_model"]!.GetValue<string>());
        Assert.Equal(512, item["embedding_dimensions"]!.GetValue<int>());
        Assert.Equal("0.000000", item["embedding_cost_usd"]!.GetValue<string>());
        Assert.False(item.ContainsKey("content_embedding"));
        Assert.False(item.ContainsKey("summary_embedding"));

        var chunks = (await client.GetFromJsonAsync<JsonNode>($"/api/v1/llm/enhanced-artifacts/{rows[0].Id}/chunks/"))!.AsArray();
        Assert.Equal(rows[0].Chunks.Count, chunks.Count);
        Assert.Equal("Visible", chunks[0]!["artifact_title"]!.GetValue<string>());
        Assert.False(chunks[0]!.AsObject().ContainsKey("embedding_vector"));
        Assert.Equal(rows[0].Chunks[0].Hash, chunks[0]!["content_hash"]!.GetValue<string>());

        using var foreign = await other.GetAsync($"/api/v1/llm/enhanced-artifacts/{rows[0].Id}/");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("No EnhancedArtifact matches the given query.", (await foreign.ReadJsonAsync())!["detail"]!.GetValue<string>());
        using var foreignChunks = await other.GetAsync($"/api/v1/llm/enhanced-artifacts/{rows[0].Id}/chunks/");
        Assert.Equal(HttpStatusCode.NotFound, foreignChunks.StatusCode);
    }
}
