using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CvTailor.Data;
using CvTailor.Data.Llm;
using CvTailor.Data.Queue;
using CvTailor.Data.Schema;
using CvTailor.Embeddings.Chunking;
using CvTailor.Embeddings.Extraction;
using CvTailor.Embeddings.Models.Providers;
using CvTailor.Embeddings.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Pgvector;

namespace CvTailor.Embeddings.Worker;

/// <summary>
/// Runs one job in one transaction: takes the artifact's advisory lock (jobs of one artifact never overlap, so the
/// newest content always lands last), reads the artifact, extracts and chunks its text, embeds the chunks whose
/// (hash, model) has no vector yet, replaces <c>enhanced_artifacts</c> + <c>artifact_chunks</c> for the model, and
/// marks the job done, conditional on still holding its lease. Either all of that commits or none of it.
/// </summary>
public sealed partial class ArtifactEmbedder(
    IServiceScopeFactory scopes,
    IEmbeddingGenerator<string, Embedding<float>> generator,
    EmbeddingModelInfo model,
    ArtifactTextExtractor extractor,
    IOptions<ChunkingOptions> chunking,
    IOptions<WorkerOptions> workerOptions,
    EmbeddingMetrics metrics,
    ILogger<ArtifactEmbedder> logger)
{
    /// <summary>First key of the two-key advisory lock: "CVTE" (CV Tailor embeddings); the second is the artifact id.</summary>
    const int AdvisoryLockClass = 0x43565445;

    readonly StructuredChunker _chunker = new(model.Tokens, chunking.Value);

    public async Task<JobOutcome> ProcessAsync(ClaimedJob job, string worker, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CvTailorDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var locked = await db.Database
                .SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({AdvisoryLockClass}, {job.ArtifactId}) AS \"Value\"")
                .SingleAsync(token);
            if (!locked)
            {
                return JobOutcome.Busy;
            }

            var (outcome, contentHash) = job.Kind == EmbeddingJobKinds.ArtifactDelete
                ? (await DeleteVectorsAsync(db, job, token), null)
                : await EmbedAsync(db, job, token);

            if (workerOptions.Value.PauseBeforeCommit > TimeSpan.Zero)
            {
                await Task.Delay(workerOptions.Value.PauseBeforeCommit, token);
            }

            var completed = await db.Database.ExecuteSqlAsync($"""
                UPDATE embedding_jobs
                   SET status = 'done', completed_at = clock_timestamp(), updated_at = clock_timestamp(), locked_until = NULL,
                       last_error = NULL, content_hash = {contentHash}
                 WHERE id = {job.Id} AND locked_by = {worker} AND status = 'running'
                """, token);
            if (completed != 1)
            {
                await transaction.RollbackAsync(token);
                return JobOutcome.LostLease;
            }
            await transaction.CommitAsync(token);
            return outcome;
        }, ct);
    }

    static async Task<JobOutcome> DeleteVectorsAsync(CvTailorDbContext db, ClaimedJob job, CancellationToken ct)
    {
        // Every model's rows go: the artifact no longer exists. Chunks cascade.
        await db.EnhancedArtifacts
            .Where(e => e.OriginalArtifactId == job.ArtifactId && e.UserId == job.UserId)
            .ExecuteDeleteAsync(ct);
        return JobOutcome.Deleted;
    }

    async Task<(JobOutcome, string?)> EmbedAsync(CvTailorDbContext db, ClaimedJob job, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var artifact = await db.Artifacts.AsNoTracking().AsSplitQuery()
            .Include(a => a.EvidenceLinks)
            .SingleOrDefaultAsync(a => a.Id == job.ArtifactId && a.UserId == job.UserId, ct);
        if (artifact is null)
        {
            return (await DeleteVectorsAsync(db, job, ct), null);
        }

        var text = extractor.Extract(artifact);
        foreach (var error in text.Errors)
        {
            LogExtractionError(job.ArtifactId, error);
        }
        var chunks = _chunker.Chunk(text.Sources);
        var hashes = chunks.Select(c => ContentHashes.OfText(c.Text)).ToArray();
        var contentHash = ContentHashes.OfArtifact(model.ModelId, model.Dimensions, hashes);

        var existing = await db.EnhancedArtifacts
            .Where(e => e.OriginalArtifactId == job.ArtifactId && e.UserId == job.UserId && e.EmbeddingModel == model.ModelId)
            .OrderBy(e => e.CreatedAt)
            .FirstOrDefaultAsync(ct);
        var force = job.Kind == EmbeddingJobKinds.Reembed;
        if (existing is not null && !force && StoredContentHash(existing.ProcessedContent) == contentHash)
        {
            return (JobOutcome.Unchanged, contentHash);
        }

        // Vectors of chunks whose text and model are unchanged are reused, not recomputed.
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (existing is not null && !force)
        {
            var wanted = hashes.Distinct().ToList();
            var reusable = await db.ArtifactChunks.AsNoTracking()
                .Where(c => c.ArtifactId == existing.Id && c.ModelUsed == model.ModelId && wanted.Contains(c.ContentHash))
                .Select(c => new { c.ContentHash, Vector = c.EmbeddingVector512 ?? c.EmbeddingVector })
                .ToListAsync(ct);
            foreach (var chunk in reusable.Where(c => c.Vector is not null))
            {
                // At the model's width: a padded row (stored before vectors had a column per width) is cut back.
                vectors.TryAdd(chunk.ContentHash, chunk.Vector!.Memory[..Math.Min(model.Dimensions, chunk.Vector.Memory.Length)].ToArray());
            }
        }
        var reused = vectors.Count;
        var toEmbed = new List<(string Hash, string Text)>();
        var seen = new HashSet<string>(vectors.Keys, StringComparer.Ordinal);
        for (var i = 0; i < chunks.Count; i++)
        {
            if (seen.Add(hashes[i]))
            {
                toEmbed.Add((hashes[i], chunks[i].Text));
            }
        }
        await EmbedBatchesAsync(toEmbed, vectors, ct);

        var now = DateTime.UtcNow;
        var row = existing;
        if (row is null)
        {
            row = new EnhancedArtifact
            {
                Id = Guid.NewGuid(),
                OriginalArtifactId = job.ArtifactId,
                UserId = job.UserId,
                CreatedAt = now,
            };
            db.EnhancedArtifacts.Add(row);
        }
        else
        {
            await db.ArtifactChunks.Where(c => c.ArtifactId == row.Id).ExecuteDeleteAsync(ct);
        }

        var chunkVectors = hashes.Select(h => vectors[h]).ToArray();
        row.Title = Truncate(artifact.Title, 200);
        row.ContentType = ContentTypeOf(text);
        row.RawContent = string.Join("\n\n", chunks.Select(c => c.Text));
        row.ProcessedContent = ProcessedContent(contentHash, text, chunks);
        row.ContentEmbedding = new Vector(VectorStorage.PadForStorage(NormalizedMean(chunkVectors)));
        // The first chunk is the artifact's own header (title, description start, technologies).
        row.SummaryEmbedding = new Vector(VectorStorage.PadForStorage(chunkVectors[0]));
        row.EmbeddingModel = model.ModelId;
        row.EmbeddingDimensions = model.Dimensions;
        row.ProcessingStrategy = "structured";
        row.TotalChunks = chunks.Count;
        row.LastEmbeddingUpdate = now;
        row.UpdatedAt = now;
        row.ProcessingTimeMs = (int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = new ArtifactChunk
            {
                Id = Guid.NewGuid(),
                ArtifactId = row.Id,
                ChunkIndex = i,
                Content = chunks[i].Text,
                Metadata = new JsonObject
                {
                    ["source"] = chunks[i].Source,
                    ["heading"] = chunks[i].Heading,
                }.ToJsonString(),
                ContentHash = hashes[i],
                ModelUsed = model.ModelId,
                TokensUsed = chunks[i].Tokens,
                CreatedAt = now,
            };
            chunk.SetEmbedding(chunkVectors[i]);
            db.ArtifactChunks.Add(chunk);
        }
        await db.SaveChangesAsync(ct);
        LogEmbedded(job.ArtifactId, chunks.Count, toEmbed.Count, reused, model.ModelId);
        return (JobOutcome.Embedded, contentHash);
    }

    async Task EmbedBatchesAsync(List<(string Hash, string Text)> items, Dictionary<string, float[]> vectors, CancellationToken ct)
    {
        for (var offset = 0; offset < items.Count; offset += model.MaxBatchSize)
        {
            var batch = items.GetRange(offset, Math.Min(model.MaxBatchSize, items.Count - offset));
            var started = Stopwatch.GetTimestamp();
            using (var activity = EmbeddingMetrics.ActivitySource.StartActivity(TelemetryNames.Spans.EmbeddingBatch))
            {
                activity?.SetTag(TelemetryNames.Attributes.EmbeddingModel, model.ModelId);
                activity?.SetTag(TelemetryNames.Attributes.BatchSize, batch.Count);
                var embeddings = await generator.GenerateAsync(batch.Select(b => b.Text), cancellationToken: ct);
                if (embeddings.Count != batch.Count)
                {
                    throw new InvalidOperationException($"The embedding provider returned {embeddings.Count} vectors for {batch.Count} texts.");
                }
                for (var i = 0; i < batch.Count; i++)
                {
                    var vector = embeddings[i].Vector.Span;
                    if (vector.Length != model.Dimensions)
                    {
                        throw new InvalidOperationException(
                            $"Model '{model.ModelId}' returned {vector.Length} dimensions; {model.Dimensions} are configured.");
                    }
                    vectors[batch[i].Hash] = vector.ToArray();
                }
            }
            metrics.RecordBatch(model.ModelId, batch.Count, Stopwatch.GetElapsedTime(started));
        }
    }

    static float[] NormalizedMean(float[][] vectors)
    {
        var mean = new float[vectors[0].Length];
        foreach (var vector in vectors)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(mean, vector, mean);
        }
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(mean);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(mean, norm, mean);
        }
        return mean;
    }

    static string? StoredContentHash(string processedContent)
    {
        try
        {
            return JsonNode.Parse(processedContent)?["content_hash"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    string ProcessedContent(string contentHash, ArtifactText text, IReadOnlyList<TextChunk> chunks)
    {
        var sources = new JsonArray();
        foreach (var source in text.Sources)
        {
            sources.Add(new JsonObject
            {
                ["source"] = source.Source,
                ["kind"] = source.Kind,
                ["chunks"] = chunks.Count(c => c.Source == source.Source),
            });
        }
        var errors = new JsonArray();
        foreach (var error in text.Errors)
        {
            errors.Add(error);
        }
        return new JsonObject
        {
            ["content_hash"] = contentHash,
            ["model"] = model.ModelId,
            ["dimensions"] = model.Dimensions,
            ["chunking"] = new JsonObject { ["max_tokens"] = _chunker.MaxTokens, ["overlap_tokens"] = _chunker.OverlapTokens },
            ["sources"] = sources,
            ["extraction_errors"] = errors,
        }.ToJsonString();
    }

    /// <summary>The contract's content_type choices, from the richest attached source.</summary>
    static string ContentTypeOf(ArtifactText text)
    {
        var kinds = text.Sources.Select(s => s.Kind).ToHashSet(StringComparer.Ordinal);
        return kinds.Contains("pdf") ? "pdf" : kinds.Contains("markdown") ? "markdown" : "text";
    }

    static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Artifact {ArtifactId}: a file was skipped: {Error}")]
    partial void LogExtractionError(int artifactId, string error);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Artifact {ArtifactId}: {Chunks} chunks ({Embedded} embedded, {Reused} reused) with {Model}")]
    partial void LogEmbedded(int artifactId, int chunks, int embedded, int reused, string model);
}
