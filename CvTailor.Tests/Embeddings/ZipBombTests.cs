using System.Net;
using System.Text.Json.Nodes;
using CvTailor.Tests.Api.Artifacts;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CvTailor.Tests.Embeddings;

/// <summary>
/// A decompression bomb reaching the Embeddings worker (the real process, its memory read from <c>/proc</c>): its job
/// fails at once with a reason the owner reads in the artifact's processing status, resident memory stays bounded,
/// and the worker goes on to embed the next artifact.
/// </summary>
public sealed class ZipBombTests(ITestOutputHelper output)
{
    const long BombInflatedBytes = 300L * 1024 * 1024;
    const long MegaByte = 1024 * 1024;
    const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [Fact]
    public async Task A_zip_bomb_fails_its_own_job_with_a_reason_in_bounded_memory_and_the_next_artifact_is_embedded()
    {
        var bomb = ZipBomb.Docx(BombInflatedBytes);
        // The Api refuses such a file on upload (ArchiveUploadTests); its check is lifted here so the bomb reaches the worker.
        await using var api = await ApiServer.StartAsync(new()
        {
            ["Storage:Archive:MaxEntryBytes"] = "4294967296",
            ["Storage:Archive:MaxTotalBytes"] = "4294967296",
            ["Storage:Archive:MaxCompressionRatio"] = "1000000",
        });
        await using var worker = EmbeddingsProcess.Start(api.ConnectionString, api.StorageRoot);
        var (client, _) = await api.CreateUserClientAsync();

        var warmUp = await UploadAsync(client, "warm-up.docx", RealDocuments.Docx("Experience", "Built a search service in C# on PostgreSQL."));
        Assert.Equal("completed", (await FinalStatusAsync(client, warmUp))["status"]!.GetValue<string>());
        var idle = worker.ResidentBytes();
        worker.ResetPeak();

        using var sampling = new CancellationTokenSource();
        long sampledPeak = 0;
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested && !worker.HasExited)
            {
                sampledPeak = Math.Max(sampledPeak, worker.ResidentBytes());
                await Task.Delay(10, CancellationToken.None);
            }
        });
        var bombed = await UploadAsync(client, "bomb.docx", bomb);
        var bombStatus = await FinalStatusAsync(client, bombed);
        await sampling.CancelAsync();
        await sampler;
        var peak = Math.Max(worker.PeakResidentBytes(), sampledPeak);

        output.WriteLine($"bomb: {bomb.Length / 1024} KB on disk, word/document.xml inflates to {BombInflatedBytes / MegaByte} MB; "
                         + $"Embeddings RSS idle {idle / MegaByte} MB, peak while on the bomb {peak / MegaByte} MB "
                         + $"(+{(peak - idle) / MegaByte} MB); status: {bombStatus.ToJsonString()}");
        Assert.Equal("failed", bombStatus["status"]!.GetValue<string>());
        Assert.StartsWith("File bomb.docx was not processed: word/document.xml inflates to",
            bombStatus["error_message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(peak - idle < 300 * MegaByte, $"peak RSS {peak / MegaByte} MB is {(peak - idle) / MegaByte} MB above idle");
        await using (var db = api.CreateDbContext())
        {
            var job = await db.EmbeddingJobs.AsNoTracking().SingleAsync(j => j.ArtifactId == bombed);
            Assert.Equal(1, job.Attempts);   // dead at once: retrying a bomb cannot help
        }

        // A lying bomb: its headers declare 1 MB, passing the central directory check. .NET inflates an entry no
        // further than its declared size, so the part ends after 1 MB of XML: the file is unreadable (skipped, logged),
        // the artifact's own fields are still embedded, and memory stays bounded (BoundedReadStream is the second line).
        worker.ResetPeak();
        sampledPeak = 0;
        using var lyingSampling = new CancellationTokenSource();
        var lyingSampler = Task.Run(async () =>
        {
            while (!lyingSampling.IsCancellationRequested && !worker.HasExited)
            {
                sampledPeak = Math.Max(sampledPeak, worker.ResidentBytes());
                await Task.Delay(10, CancellationToken.None);
            }
        });
        var lying = await UploadAsync(client, "lying.docx", ZipBomb.Docx(BombInflatedBytes, declaredBytes: 1024 * 1024));
        var lyingStatus = await FinalStatusAsync(client, lying);
        await lyingSampling.CancelAsync();
        await lyingSampler;
        var lyingPeak = Math.Max(worker.PeakResidentBytes(), sampledPeak);
        output.WriteLine($"lying bomb (declares 1 MB, inflates to {BombInflatedBytes / MegaByte} MB): peak RSS {lyingPeak / MegaByte} MB "
                         + $"(+{(lyingPeak - idle) / MegaByte} MB above idle); status: {lyingStatus.ToJsonString()}");
        Assert.Equal("completed", lyingStatus["status"]!.GetValue<string>());
        Assert.True(lyingPeak - idle < 300 * MegaByte, $"peak RSS {lyingPeak / MegaByte} MB is {(lyingPeak - idle) / MegaByte} MB above idle");

        // The worker is healthy and goes on: the next artifact is embedded.
        var next = await UploadAsync(client, "next.docx", RealDocuments.Docx("Projects", "Shipped a resilient upload pipeline."));
        Assert.Equal("completed", (await FinalStatusAsync(client, next))["status"]!.GetValue<string>());
        Assert.False(worker.HasExited);
        await using (var db = api.CreateDbContext())
        {
            Assert.True(await db.EnhancedArtifacts.AnyAsync(e => e.OriginalArtifactId == next));
            Assert.False(await db.EnhancedArtifacts.AnyAsync(e => e.OriginalArtifactId == bombed));
        }
    }

    static async Task<int> UploadAsync(HttpClient client, string fileName, byte[] bytes)
    {
        using var body = ArtifactClient.Multipart("files", [(fileName, bytes, DocxType)],
            [("metadata.title", fileName), ("metadata.description", "An uploaded document.")]);
        using var response = await client.PostAsync($"{ArtifactClient.Root}upload/", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.ReadJsonAsync())!["artifact_id"]!.GetValue<int>();
    }

    static Task<JsonNode> FinalStatusAsync(HttpClient client, int artifactId) =>
        Eventually.WaitAsync(async () =>
            {
                using var response = await client.GetAsync($"{ArtifactClient.Root}{artifactId}/status/");
                return (await response.ReadJsonAsync())!;
            },
            status => status["status"]?.GetValue<string>() is "completed" or "failed",
            TimeSpan.FromSeconds(120), $"artifact {artifactId}'s processing to finish");
}
