using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.BackgroundWork;
using CvTailor.Api.Generation.Caching;
using CvTailor.Api.Generation.Content;
using CvTailor.Api.Generation.Endpoints;
using CvTailor.Api.Generation.Rewriting;
using CvTailor.Api.Llm;
using CvTailor.Api.Llm.Usage;
using CvTailor.Data;
using CvTailor.Data.Generation;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Generation.Jobs;

/// <summary>
/// Generates one queued document: claims the row, parses (cached) the posting, ranks the owner's artifacts, builds
/// the CV or cover letter, lets the optional chat model rewrite it (kept only if it passes the checks), and writes
/// content, metadata and status in one SaveChanges. Progress: 0 queued → 10 claimed → 100 completed, or failed with
/// the contract's error messages.
/// </summary>
public sealed partial class GenerationRunner(
    CvTailorDbContext db, JobDescriptionCache cache, TaxonomyProvider taxonomies, MatchPipeline pipeline, CvRewriter rewriter,
    TimeProvider time, ILogger<GenerationRunner> logger) : IWorkRunner
{
    public async Task RunAsync(Guid id, CancellationToken ct)
    {
        var claimed = await db.GeneratedDocuments
            .Where(d => d.Id == id && d.Status == GenerationStatuses.Processing && d.ProgressPercentage == 0)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ProgressPercentage, 10), ct);
        if (claimed == 0)
        {
            return; // done, deleted, or claimed by another worker
        }

        var document = await db.GeneratedDocuments.Include(d => d.UserJobDescription).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        using var activity = GenerationTelemetry.Source.StartActivity(TelemetryNames.Spans.Generation);
        activity?.SetTag(GenerationTelemetry.DocumentTypeTag, document.DocumentType);
        activity?.SetTag("cvtailor.generation.id", document.Id.ToString());
        var kind = document.DocumentType == GenerationStatuses.CoverLetter ? "cover letter" : "CV";
        try
        {
            var completed = await GenerateAsync(document, clock, ct);
            Record(document.DocumentType, completed ? "completed" : "failed", clock);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is not DbUpdateConcurrencyException)
        {
            LogGenerationFailed(logger, ex, document.Id);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            db.ChangeTracker.Clear();
            await db.GeneratedDocuments.Where(d => d.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, GenerationStatuses.Failed)
                .SetProperty(d => d.ErrorMessage, $"Failed to generate {kind}: {ex.GetType().Name}")
                .SetProperty(d => d.CompletedAt, time.UtcNow()), CancellationToken.None);
            GenerationTelemetry.Failures.Add(1,
                new KeyValuePair<string, object?>(TelemetryNames.Attributes.Outcome, "failed"),
                new KeyValuePair<string, object?>(GenerationTelemetry.DocumentTypeTag, document.DocumentType));
            Record(document.DocumentType, "failed", clock);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The document was deleted while it was being generated: nothing to write.
        }
    }

    async Task<bool> GenerateAsync(GeneratedDocument document, Stopwatch clock, CancellationToken ct)
    {
        if (document.UserJobDescription is not { } posting)
        {
            await FailAsync(document, "No job description provided", ct);
            return false;
        }

        Parsing.ParsedJobDescription parsed;
        using (GenerationTelemetry.Source.StartActivity(TelemetryNames.Spans.JobParsing))
        {
            parsed = await cache.ParseStoredAsync(db, posting, ct);
        }
        var taxonomy = await taxonomies.GetAsync(db, ct);
        var selected = JsonSerializer.Deserialize<int[]>(document.LabelIds) ?? [];
        var preferences = GenerationInput.Preferences(
            JsonNode.Parse(document.GenerationPreferences) as JsonObject ?? [], JsonNode.Parse(document.CustomSections) as JsonObject ?? []);
        var prepared = await pipeline.MatchAsync(db, document.UserId, parsed, taxonomy, posting.CompanyName, posting.RoleTitle, selected, preferences, ct);
        var profile = await UserArtifacts.LoadProfileAsync(db, document.UserId, ct);

        JsonObject content;
        JsonObject metadata;
        RewriteOutcome rewrite;
        if (document.DocumentType == GenerationStatuses.CoverLetter)
        {
            var letter = prepared.Generator.GenerateCoverLetter(prepared.Request, profile, prepared.Artifacts, prepared.Match);
            content = GenerationJsonMapping.Content(letter.Content);
            metadata = GenerationJsonMapping.Metadata(letter.Metadata);
            // Rewriting is for CVs; a letter's own shape has no schema check to vet a rewrite against.
            rewrite = RewriteOutcome.NotEnabled;
        }
        else
        {
            var cv = prepared.Generator.GenerateCv(prepared.Request, profile, prepared.Artifacts, prepared.Match);
            rewrite = await rewriter.RewriteCvAsync(cv.Content, prepared, profile, db, ct);
            content = GenerationJsonMapping.Content(rewrite.Content ?? cv.Content);
            metadata = GenerationJsonMapping.Metadata(cv.Metadata);
            if (rewrite.Status == RewriteOutcome.Applied)
            {
                metadata["model_used"] = rewrite.Model;
                metadata["model_version"] = rewrite.Model;
                metadata["grounding"] = GenerationJsonMapping.Node(rewrite.Grounding!);
            }
        }

        var now = time.UtcNow();
        var elapsed = (int)clock.ElapsedMilliseconds;
        metadata["generation_time_ms"] = elapsed;
        metadata["document_type"] = document.DocumentType;
        metadata["company_name"] = posting.CompanyName;
        metadata["role_title"] = posting.RoleTitle.Length > 0 ? posting.RoleTitle : parsed.RoleTitle;
        metadata["semantic"] = GenerationJsonMapping.Node(prepared.Semantic);
        metadata["llm_rewrite"] = RewriteJson(rewrite);
        metadata["token_usage"] = new JsonObject { ["input"] = rewrite.InputTokens, ["output"] = rewrite.OutputTokens };
        var cost = rewrite.Model is { } chatModel ? ModelRegistry.Cost(chatModel, rewrite.InputTokens, rewrite.OutputTokens) : 0m;
        metadata["cost_usd"] = cost;

        document.Content = content.ToJsonString();
        document.Metadata = metadata.ToJsonString();
        document.ArtifactsUsed = metadata["artifacts_used"]!.ToJsonString();
        document.ModelVersion = metadata["model_version"]!.GetValue<string>();
        document.GenerationTimeMs = elapsed;
        document.Status = GenerationStatuses.Completed;
        document.ProgressPercentage = 100;
        document.ErrorMessage = "";
        document.CompletedAt = now;

        ModelUsage.AddMetric(db, document.UserId, ModelRegistry.Deterministic, ModelUsage.TaskCvGeneration, elapsed, 0, 0, true, false, null,
            new { document_type = document.DocumentType, generation_id = document.Id, semantic = prepared.Semantic.Status }, now);
        if (rewrite.Model is { } rewriteModel)
        {
            ModelUsage.AddMetric(db, document.UserId, rewriteModel, ModelUsage.TaskCvGeneration, rewrite.DurationMs,
                rewrite.InputTokens + rewrite.OutputTokens, cost, rewrite.Status is RewriteOutcome.Applied or RewriteOutcome.Rejected,
                rewrite.Status != RewriteOutcome.Applied, null, new { outcome = rewrite.Status, generation_id = document.Id }, now);
        }
        await db.SaveChangesAsync(ct);
        await ModelUsage.AddCostAsync(db, document.UserId, ModelRegistry.Deterministic, 0, 0, now, ct);
        if (rewrite.Model is { } billed)
        {
            await ModelUsage.AddCostAsync(db, document.UserId, billed, cost, rewrite.InputTokens + rewrite.OutputTokens, now, ct);
        }
        return true;
    }

    async Task FailAsync(GeneratedDocument document, string message, CancellationToken ct)
    {
        document.Status = GenerationStatuses.Failed;
        document.ErrorMessage = message;
        document.CompletedAt = time.UtcNow();
        await db.SaveChangesAsync(ct);
        GenerationTelemetry.Failures.Add(1,
                new KeyValuePair<string, object?>(TelemetryNames.Attributes.Outcome, "failed"),
                new KeyValuePair<string, object?>(GenerationTelemetry.DocumentTypeTag, document.DocumentType));
    }

    static JsonObject RewriteJson(RewriteOutcome outcome)
    {
        var json = new JsonObject { ["status"] = outcome.Status };
        if (outcome.Model is not null)
        {
            json["model"] = outcome.Model;
        }
        if (outcome.Reason is not null)
        {
            json["reason"] = outcome.Reason;
        }
        if (outcome.Problems is { Count: > 0 } problems)
        {
            json["problems"] = new JsonArray([.. problems.Select(p => (JsonNode)p)]);
        }
        return json;
    }

    static void Record(string documentType, string outcome, Stopwatch clock) =>
        GenerationTelemetry.Duration.Record(clock.Elapsed.TotalSeconds,
            new KeyValuePair<string, object?>(GenerationTelemetry.DocumentTypeTag, documentType),
            new KeyValuePair<string, object?>(TelemetryNames.Attributes.Outcome, outcome));

    [LoggerMessage(Level = LogLevel.Error, Message = "Generation {Id} failed")]
    static partial void LogGenerationFailed(ILogger logger, Exception exception, Guid id);
}
