using System.Diagnostics;
using CvTailor.Api.BackgroundWork;
using CvTailor.Api.Export.Endpoints;
using CvTailor.Api.Generation.Endpoints;
using CvTailor.Api.Storage;
using CvTailor.Data;
using CvTailor.Data.Export;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Export.Jobs;

/// <summary>
/// Renders one queued export: claims the row, reads the document's content and the owner's profile (the contract's
/// <c>personal_info</c>), renders with every stored option honoured, writes the file under the storage root
/// (<c>exports/cv_&lt;user&gt;_&lt;export&gt;.&lt;ext&gt;</c>, written to a temporary name and moved into place), and
/// completes the row with a <c>created</c> analytics event. The job's export template gives the look (<see cref="TemplateStyle"/>). Progress: 0 queued → 10 claimed → 100, or failed. With
/// <c>options.include_evidence</c> the CV's evidence links are checked first (<see cref="ExportEvidenceValidation"/>).
/// </summary>
public sealed class ExportRunner(
    CvTailorDbContext db, DocumentExporter exporter, FileStorage files, ExportEvidenceValidation evidence,
    IOptions<ExportServiceOptions> options, TimeProvider time, ILogger<ExportRunner> logger) : IWorkRunner
{
    public async Task RunAsync(Guid id, CancellationToken ct)
    {
        var claimed = await db.ExportJobs
            .Where(j => j.Id == id && j.Status == ExportStatuses.Processing && j.ProgressPercentage == 0)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.ProgressPercentage, 10), ct);
        if (claimed == 0)
        {
            return;
        }
        var job = await db.ExportJobs.Include(j => j.GeneratedDocument).Include(j => j.Template).SingleOrDefaultAsync(j => j.Id == id, ct);
        if (job?.GeneratedDocument is not { } document)
        {
            return;
        }

        var format = ExportFormatNames.Parse(ExportFormatNames.FromColumn(job.Format));
        var clock = Stopwatch.StartNew();
        using var activity = ExportTelemetry.Source.StartActivity(TelemetryNames.Spans.Export);
        activity?.SetTag(TelemetryNames.Attributes.ExportFormat, ExportFormatNames.FromColumn(job.Format));
        activity?.SetTag(TelemetryNames.Attributes.JobId, job.Id.ToString());
        string? temporary = null;
        try
        {
            if (StoredContent.IsEmpty(document.Content))
            {
                await FailAsync(job, ExportMessages.NoContent, ct);
                return;
            }
            var profile = await UserArtifacts.LoadProfileAsync(db, job.UserId, ct);
            var person = PersonalInfo.From(profile);
            // The template chosen at E1 (deactivated since or not) gives the look and the option defaults.
            var style = job.Template is { } template ? TemplateStyle.FromConfig(template.TemplateConfig) : null;
            var exportOptions = StoredExportOptions.Read(job.ExportOptions, job.CreatedAt, style);

            // Evidence links are checked before rendering; the result is saved with the completed row below.
            var cv = document.DocumentType == GenerationStatuses.CoverLetter ? null : StoredContent.ReadCv(document.Content);
            if (cv is not null && ExportEvidenceValidation.Requested(job.ExportOptions))
            {
                job.ExportOptions = await evidence.ValidateAsync(job.ExportOptions, cv, ct);
            }

            var relative = ExportFiles.RelativePath(job.UserId, job.Id, format);
            var path = files.Resolve(relative) ?? throw new InvalidOperationException("Export path outside the storage root.");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            temporary = path + ".partial";
            await using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                // The renderers write synchronously; render into memory, then write the file asynchronously.
                using var buffer = new MemoryStream();
                if (document.DocumentType == GenerationStatuses.CoverLetter)
                {
                    exporter.ExportCoverLetter(StoredContent.ReadCoverLetter(document.Content), person, format, exportOptions, buffer);
                }
                else
                {
                    exporter.ExportCv(cv!, person, format, exportOptions, buffer);
                }
                buffer.Position = 0;
                await buffer.CopyToAsync(output, ct);
            }
            File.Move(temporary, path, overwrite: true);
            temporary = null;

            var now = time.UtcNow();
            var size = (int)new FileInfo(path).Length;
            job.FilePath = relative;
            job.FileSize = size;
            job.Status = ExportStatuses.Completed;
            job.ProgressPercentage = 100;
            job.ErrorMessage = "";
            job.CompletedAt = now;
            job.ExpiresAt = now + options.Value.FileLifetime;
            db.ExportAnalytics.Add(new ExportAnalytics
            {
                ExportJobId = job.Id,
                EventType = "created",
                Metadata = ClientAddress.Metadata(new { file_size = size, format = ExportFormatNames.FromColumn(job.Format), processing_time_ms = clock.ElapsedMilliseconds }),
                CreatedAt = now,
            });
            await db.SaveChangesAsync(ct);
            Record(job.Format, "completed", clock);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Deleted while rendering: remove the file it would have pointed to.
            files.TryDelete(ExportFiles.RelativePath(job.UserId, job.Id, format));
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            ExportLog.Failed(logger, ex, job.Id);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            db.ChangeTracker.Clear();
            await db.ExportJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, ExportStatuses.Failed)
                .SetProperty(j => j.ErrorMessage, $"Export failed: {ex.GetType().Name}")
                .SetProperty(j => j.CompletedAt, time.UtcNow()), CancellationToken.None);
            Record(job.Format, "failed", clock);
        }
        finally
        {
            if (temporary is not null)
            {
                try
                {
                    File.Delete(temporary);
                }
                catch (IOException)
                {
                    // Best effort: a leftover partial file is harmless and the next sweep of the folder can remove it.
                }
            }
        }
    }

    async Task FailAsync(ExportJob job, string message, CancellationToken ct)
    {
        job.Status = ExportStatuses.Failed;
        job.ErrorMessage = message;
        job.CompletedAt = time.UtcNow();
        await db.SaveChangesAsync(ct);
    }

    static void Record(string format, string outcome, Stopwatch clock) =>
        ExportTelemetry.Duration.Record(clock.Elapsed.TotalSeconds,
            new KeyValuePair<string, object?>(TelemetryNames.Attributes.ExportFormat, ExportFormatNames.FromColumn(format)),
            new KeyValuePair<string, object?>(TelemetryNames.Attributes.Outcome, outcome));
}
