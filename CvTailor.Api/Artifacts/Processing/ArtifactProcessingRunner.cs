using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CvTailor.Api.BackgroundWork;
using CvTailor.Api.Storage;
using CvTailor.Data;
using CvTailor.Data.Artifacts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Artifacts.Processing;

/// <summary>
/// Runs one <c>artifacts_artifactprocessingjob</c> (the contract's <c>process_artifact_upload</c>): claims the row
/// (pending → processing, 10 %), reads the metadata of the artifact's stored PDFs (30 %), checks every evidence link
/// (30 + 50·i/n %, each link's <c>is_accessible</c>, <c>last_validated</c> and <c>validation_metadata</c> written as
/// its check ends), analyses <c>github</c> links on github.com, merges the results into the artifact's
/// <c>extracted_metadata</c>, and completes the row (100 %) — or marks it failed with an error message. A link that
/// fails is a result, not a failure of the job.
/// </summary>
public sealed partial class ArtifactProcessingRunner(
    CvTailorDbContext db, FileStorage files, IEvidenceLinkChecker checker, GitHubRepositoryAnalyzer github,
    IOptions<EvidenceOptions> options, ProcessingPace pace, TimeProvider time, ILogger<ArtifactProcessingRunner> logger) : IWorkRunner
{
    public const string NotCheckedInBudget = "Not checked: the artifact's time budget ran out.";
    public const string StoredFileMissing = "The stored file is missing.";

    public async Task RunAsync(Guid id, CancellationToken ct)
    {
        // The claim is the guard against double processing (the channel and a sweep, or two replicas, may both queue it).
        var claimed = await db.ArtifactProcessingJobs
            .Where(j => j.Id == id && j.Status == ArtifactProcessingStatuses.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ArtifactProcessingStatuses.Processing).SetProperty(j => j.ProgressPercentage, 10), ct);
        if (claimed == 0)
        {
            return;
        }
        var artifactId = await db.ArtifactProcessingJobs.Where(j => j.Id == id).Select(j => (int?)j.ArtifactId).SingleOrDefaultAsync(ct);
        if (artifactId is not { } artifact)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        using var activity = EvidenceTelemetry.Source.StartActivity(TelemetryNames.Spans.ArtifactProcessing);
        activity?.SetTag(TelemetryNames.Attributes.ArtifactId, artifact);
        activity?.SetTag(TelemetryNames.Attributes.JobId, id.ToString());
        try
        {
            var links = await db.EvidenceLinks.AsNoTracking().Where(l => l.ArtifactId == artifact).OrderBy(l => l.Id).ToListAsync(ct);
            activity?.SetTag(TelemetryNames.Attributes.EvidenceLinkCount, links.Count);
            var accessible = await ProcessAsync(id, artifact, links, ct);
            Record("completed", clock);
            pace.Finished(clock.Elapsed);
            LogCompleted(logger, id, artifact, accessible, links.Count, clock.ElapsedMilliseconds);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            LogFailed(logger, ex, id, artifact);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            db.ChangeTracker.Clear();
            await db.ArtifactProcessingJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, ArtifactProcessingStatuses.Failed)
                .SetProperty(j => j.ErrorMessage, $"Processing failed: {ex.GetType().Name}")
                .SetProperty(j => j.CompletedAt, time.UtcNow()), CancellationToken.None);
            Record("failed", clock);
        }
    }

    /// <returns>How many links were accessible.</returns>
    async Task<int> ProcessAsync(Guid id, int artifactId, List<EvidenceLink> links, CancellationToken ct)
    {
        // 1. PDF metadata of stored PDFs, keyed by link id (an artifact may hold several).
        var pdfs = new JsonObject();
        foreach (var link in links.Where(l => l.FilePath.Length > 0 && l.MimeType == "application/pdf"))
        {
            pdfs[Key(link.Id)] = files.Resolve(link.FilePath) is { } path && File.Exists(path)
                ? await Task.Run(() => PdfMetadataReader.Read(path), ct)
                : new JsonObject { ["error"] = StoredFileMissing };
        }
        await ProgressAsync(id, 30, ct);

        // 2. Link checks, a few at once, within the artifact's budget; each result is written as it arrives.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(options.Value.ArtifactBudget);
        var results = new JsonObject();
        using var slots = new SemaphoreSlim(Math.Max(1, options.Value.MaxParallelChecks));
        var checks = links.Select(link => CheckAsync(link, slots, budget.Token, ct)).ToList();
        var done = 0;
        var reachable = 0;
        await foreach (var finished in Task.WhenEach(checks).WithCancellation(ct))
        {
            var (link, result, metadata, accessible) = await finished;
            results[Key(link.Id)] = result;
            reachable += accessible ? 1 : 0;
            // Only if the URL is still the one checked: an edit meanwhile has its own job.
            await db.EvidenceLinks.Where(l => l.Id == link.Id && l.Url == link.Url && l.FilePath == link.FilePath)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(l => l.IsAccessible, accessible)
                    .SetProperty(l => l.LastValidated, time.UtcNow())
                    .SetProperty(l => l.ValidationMetadata, metadata.ToJsonString()), ct);
            done++;
            await ProgressAsync(id, 30 + (50 * done / links.Count), ct);
        }

        // 3. GitHub analysis of github links on github.com.
        var repositories = new JsonObject();
        foreach (var link in links.Where(l => l.LinkType == "github"))
        {
            if (GitHubRepositoryAnalyzer.ParseRepository(link.Url) is not var (owner, repo))
            {
                continue;
            }
            repositories[Key(link.Id)] = budget.IsCancellationRequested
                ? new JsonObject { ["error"] = NotCheckedInBudget }
                : await AnalyzeAsync(owner, repo, budget.Token, ct);
        }

        // 4. Results: merged into extracted_metadata (other writers' keys stay) and the job row, in one transaction.
        var now = time.UtcNow();
        var patch = new JsonObject
        {
            ["pdf_metadata"] = pdfs.DeepClone(),
            ["github_metadata"] = repositories,
            ["processing_timestamp"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        }.ToJsonString();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlInterpolatedAsync($$"""
                UPDATE artifacts_artifact
                SET extracted_metadata = CASE WHEN jsonb_typeof(extracted_metadata) = 'object' THEN extracted_metadata ELSE '{}'::jsonb END
                                         || {{patch}}::jsonb
                WHERE id = {{artifactId}}
                """, ct);
            await db.ArtifactProcessingJobs.Where(j => j.Id == id && j.Status == ArtifactProcessingStatuses.Processing)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, ArtifactProcessingStatuses.Completed)
                    .SetProperty(j => j.ProgressPercentage, 100)
                    .SetProperty(j => j.ErrorMessage, "")
                    .SetProperty(j => j.MetadataExtracted, pdfs.ToJsonString())
                    .SetProperty(j => j.EvidenceValidationResults, results.ToJsonString())
                    .SetProperty(j => j.CompletedAt, now), ct);
            await transaction.CommitAsync(ct);
        });
        return reachable;
    }

    /// <summary>One link: an uploaded file is checked on disk, a URL over HTTP.</summary>
    async Task<(EvidenceLink Link, JsonObject Result, JsonObject Metadata, bool Accessible)> CheckAsync(
        EvidenceLink link, SemaphoreSlim slots, CancellationToken budget, CancellationToken ct)
    {
        if (link.FilePath.Length > 0)
        {
            var present = files.Resolve(link.FilePath) is { } path && File.Exists(path);
            return present
                ? (link, new JsonObject { ["status"] = "success", ["stored_file"] = true, ["accessible"] = true },
                    new JsonObject { ["stored_file"] = true, ["file_size"] = link.FileSize }, true)
                : (link, new JsonObject { ["status"] = "error", ["error"] = StoredFileMissing, ["accessible"] = false },
                    new JsonObject { ["error"] = StoredFileMissing }, false);
        }
        try
        {
            await slots.WaitAsync(budget);
            try
            {
                var result = await checker.CheckAsync(link.Url, options.Value.Timeout, budget);
                return (link, result.JobResult(), result.ValidationMetadata(), result.Accessible);
            }
            finally
            {
                slots.Release();
            }
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            var result = LinkCheckResult.Failed(NotCheckedInBudget);
            return (link, result.JobResult(), result.ValidationMetadata(), false);
        }
    }

    async Task<JsonObject> AnalyzeAsync(string owner, string repo, CancellationToken budget, CancellationToken ct)
    {
        try
        {
            return await github.AnalyzeAsync(owner, repo, budget);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return new JsonObject { ["error"] = NotCheckedInBudget };
        }
    }

    Task<int> ProgressAsync(Guid id, int percent, CancellationToken ct) =>
        db.ArtifactProcessingJobs.Where(j => j.Id == id && j.Status == ArtifactProcessingStatuses.Processing && j.ProgressPercentage < percent)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.ProgressPercentage, percent), ct);

    static string Key(long linkId) => linkId.ToString(CultureInfo.InvariantCulture);

    static void Record(string outcome, Stopwatch clock) =>
        EvidenceTelemetry.ProcessingDuration.Record(clock.Elapsed.TotalSeconds,
            new KeyValuePair<string, object?>(TelemetryNames.Attributes.Outcome, outcome));

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Processing job {JobId} of artifact {ArtifactId} completed: {Accessible} of {Links} links accessible in {ElapsedMs} ms")]
    static partial void LogCompleted(ILogger logger, Guid jobId, int artifactId, int accessible, int links, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Processing job {JobId} of artifact {ArtifactId} failed")]
    static partial void LogFailed(ILogger logger, Exception exception, Guid jobId, int artifactId);
}
