using System.Globalization;
using CvTailor.Api.Artifacts.Processing;
using CvTailor.Api.Auth;
using CvTailor.Api.DrfContract;
using CvTailor.Api.Endpoints;
using CvTailor.Api.Storage;
using CvTailor.Data;
using CvTailor.Data.Artifacts;
using CvTailor.Data.Queue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Artifacts;

/// <summary>R6, R7, R9 and R14: uploads (checked by content, stored under generated names) and file deletion.</summary>
public static partial class ArtifactUploadEndpoints
{
    public const string FilesField = "files";
    public const string FileField = "file";

    /// <summary>One uploaded file in R6's answer; <c>evidence_link_id</c> is new (the original did not attach files).</summary>
    public sealed record UploadedFileDto(Guid FileId, string Filename, int Size, string MimeType, long EvidenceLinkId);

    public sealed record UploadResponse(IReadOnlyList<UploadedFileDto> UploadedFiles);

    public sealed record BulkUploadResponse(
        int ArtifactId, string Status, string TaskId, string EstimatedCompletion, int UploadedFilesCount, int EvidenceLinksCount);

    public sealed record SingleUploadResponse(Guid FileId, string Filename, int Size, string MimeType, string Url);

    /// <summary>R6: upload files to an artifact; each becomes an evidence link of it (with the file's metadata).</summary>
    public static async Task<Results<Ok<UploadResponse>, NotFound<ApiErrorMessage>, UnsupportedMediaTypeJson<ApiDetail>, BodyError, BadRequest<ApiErrorMessage>, FieldErrorsResult>> UploadToArtifactAsync(
        int artifactId, RequestFields read, HttpRequest request, CurrentUser user, CvTailorDbContext db, UploadInspector inspector, FileStorage store,
        ArtifactProcessingChannel processing, TimeProvider time, ILogger<UploadInspector> logger, CancellationToken ct)
    {
        var artifact = await db.Artifacts.SingleOrDefaultAsync(a => a.Id == artifactId && a.UserId == user.Id, ct);
        if (artifact is null)
        {
            return ArtifactResults.NotFoundError(ArtifactMessages.ArtifactNotFound);
        }
        if (!request.HasFormContentType)
        {
            return ArtifactResults.UnsupportedMediaType(request);
        }
        if (read.Error is { } bodyError)
        {
            return bodyError;
        }
        var files = read.Files!.GetFiles(FilesField);
        if (files.Count == 0)
        {
            return ArtifactResults.BadRequestError(ArtifactMessages.NoFilesProvided);
        }
        var (accepted, errors) = await UploadBatch.CheckAsync(files, FilesField, inspector, ct);
        if (errors.HasErrors)
        {
            return errors.ToBadRequest();
        }

        var stored = await UploadBatch.StoreAsync(accepted, store, ct);
        try
        {
            var now = time.UtcNow();
            var rows = new List<(UploadedFile File, EvidenceLink Link)>();
            foreach (var upload in stored)
            {
                var file = UploadBatch.FileRow(upload, user.Id, now);
                var link = UploadBatch.LinkRow(file, now);
                artifact.EvidenceLinks.Add(link);
                db.UploadedFiles.Add(file);
                rows.Add((file, link));
            }
            artifact.UpdatedAt = now;
            var job = ArtifactProcessingJobs.Open(db, artifact.Id, now);
            await EmbeddingQueue.EnqueueAsync(db, user.Id, artifact.Id, EmbeddingJobKinds.ArtifactUpsert, ct);
            await db.SaveChangesAsync(ct);
            processing.Enqueue(job.Id);

            return TypedResults.Ok(new UploadResponse([.. rows.Select(r =>
                new UploadedFileDto(r.File.Id, r.File.OriginalFilename, r.File.FileSize, r.File.MimeType, r.Link.Id))]));
        }
        catch (Exception ex)
        {
            store.DeleteAll(stored.Select(s => s.RelativePath));
            if (ex is DbUpdateException && !await db.Artifacts.AnyAsync(a => a.Id == artifactId && a.UserId == user.Id, CancellationToken.None))
            {
                // Deleted while the files were being written.
                LogArtifactVanished(logger, artifactId);
                return ArtifactResults.NotFoundError(ArtifactMessages.ArtifactNotFound);
            }
            throw;
        }
    }

    /// <summary>R7: create an artifact from metadata plus 0–10 files, with a processing job; answered 202.</summary>
    public static async Task<Results<Accepted<BulkUploadResponse>, UnsupportedMediaTypeJson<ApiDetail>, BodyError, FieldErrorsResult>> BulkUploadAsync(
        RequestFields read, HttpRequest request, CurrentUser user, CvTailorDbContext db, UploadInspector inspector, FileStorage store,
        ArtifactProcessingChannel processing, TimeProvider time, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return ArtifactResults.UnsupportedMediaType(request);
        }
        if (read.Error is { } bodyError)
        {
            return bodyError;
        }

        var (accepted, fileErrors) = await UploadBatch.CheckAsync(read.Files!.GetFiles(FilesField), FilesField, inspector, ct);
        var metadataErrors = new FieldErrors();
        var metadata = BulkUploadMetadata.Extract(read.Values, metadataErrors);
        ArtifactInput? input = null;
        if (metadata is not null)
        {
            var fieldErrors = new ArtifactFieldErrors();
            input = ArtifactInputReader.Read(metadata, ArtifactWriteMode.Create, fieldErrors);
            ArtifactInputReader.CheckDateOrder(input.StartDate, input.EndDate, fieldErrors.Fields);
            if (fieldErrors.HasErrors)
            {
                foreach (var message in BulkUploadMetadata.Flatten(fieldErrors)[BulkUploadMetadata.Field])
                {
                    metadataErrors.Add(BulkUploadMetadata.Field, message);
                }
            }
        }
        if (fileErrors.HasErrors || metadataErrors.HasErrors)
        {
            var body = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var (key, value) in fileErrors.ToDictionary().Concat(metadataErrors.ToDictionary()))
            {
                body[key] = value;
            }
            return TypedResults.BadRequest<IReadOnlyDictionary<string, string[]>>(body);
        }

        var stored = await UploadBatch.StoreAsync(accepted, store, ct);
        try
        {
            var now = time.UtcNow();
            var job = new ArtifactProcessingJob();
            var artifact = await ArtifactWrites.CreateAsync(db, user.Id, input!, now, (created, _) =>
            {
                foreach (var upload in stored)
                {
                    var file = UploadBatch.FileRow(upload, user.Id, now);
                    db.UploadedFiles.Add(file);
                    var link = UploadBatch.LinkRow(file, now);
                    link.ArtifactId = created.Id;
                    db.EvidenceLinks.Add(link);
                }
                job = ArtifactProcessingJobs.Open(db, created.Id, now);
                return Task.CompletedTask;
            }, ct);
            processing.Enqueue(job.Id);

            return TypedResults.Accepted((string?)null, new BulkUploadResponse(
                artifact.Id,
                "processing",
                job.Id.ToString(),
                PythonIsoFormat(now),
                stored.Count,
                input!.EvidenceLinks.Count));
        }
        catch
        {
            store.DeleteAll(stored.Select(s => s.RelativePath));
            throw;
        }
    }

    /// <summary>R9: store one file, not attached to any artifact.</summary>
    public static async Task<Results<Created<SingleUploadResponse>, UnsupportedMediaTypeJson<ApiDetail>, BodyError, FieldErrorsResult>> UploadFileAsync(
        RequestFields read, HttpRequest request, CurrentUser user, CvTailorDbContext db, UploadInspector inspector, FileStorage store,
        TimeProvider time, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return ArtifactResults.UnsupportedMediaType(request);
        }
        if (read.Error is { } bodyError)
        {
            return bodyError;
        }
        var files = read.Files!.GetFiles(FileField);
        if (files.Count == 0)
        {
            return FieldErrors.For(FileField, ArtifactMessages.NoFileSubmitted);
        }
        // One file per request here; extra parts with the same name are refused rather than silently dropped.
        if (files.Count > 1)
        {
            return FieldErrors.For(FileField, "Only one file may be submitted.");
        }
        var (accepted, errors) = await UploadBatch.CheckAsync(files, FileField, inspector, ct);
        if (errors.HasErrors)
        {
            return errors.ToBadRequest();
        }

        var stored = await UploadBatch.StoreAsync(accepted, store, ct);
        try
        {
            var file = UploadBatch.FileRow(stored[0], user.Id, time.UtcNow());
            db.UploadedFiles.Add(file);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created((string?)null, new SingleUploadResponse(
                file.Id, file.OriginalFilename, file.FileSize, file.MimeType, StoredFiles.MediaUrl(file.File)));
        }
        catch
        {
            store.DeleteAll(stored.Select(s => s.RelativePath));
            throw;
        }
    }

    /// <summary>
    /// R14: delete an uploaded file, the evidence links that attach it (the original searched for the uuid in the
    /// path and never found them), and the stored bytes. Artifacts that lose a link are re-embedded.
    /// </summary>
    public static async Task<Results<NoContent, NotFound<ApiErrorMessage>>> DeleteFileAsync(
        Guid fileId, CurrentUser user, CvTailorDbContext db, FileStorage store, TimeProvider time, CancellationToken ct)
    {
        var file = await db.UploadedFiles.SingleOrDefaultAsync(f => f.Id == fileId && f.UserId == user.Id, ct);
        if (file is null)
        {
            return ArtifactResults.NotFoundError(ArtifactMessages.FileNotFound);
        }
        var links = await db.EvidenceLinks
            .Where(l => l.FilePath == file.File && l.Artifact!.UserId == user.Id)
            .ToListAsync(ct);
        var artifactIds = links.Select(l => l.ArtifactId).Distinct().ToList();
        var artifacts = await db.Artifacts.Where(a => artifactIds.Contains(a.Id)).ToListAsync(ct);

        var now = time.UtcNow();
        db.EvidenceLinks.RemoveRange(links);
        db.UploadedFiles.Remove(file);
        foreach (var artifact in artifacts)
        {
            artifact.UpdatedAt = now;
            await EmbeddingQueue.EnqueueAsync(db, user.Id, artifact.Id, EmbeddingJobKinds.ArtifactUpsert, ct);
        }
        await db.SaveChangesAsync(ct);
        store.TryDelete(file.File);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// New: the caller's own uploaded file, as an attachment under its original name. Uploads are private, so they
    /// are not served under <c>/media/</c> the way the original did with DEBUG on.
    /// </summary>
    public static async Task<Results<PhysicalFileHttpResult, NotFound<ApiErrorMessage>>> DownloadFileAsync(Guid fileId, CurrentUser user, CvTailorDbContext db, FileStorage store, CancellationToken ct)
    {
        var file = await db.UploadedFiles.AsNoTracking()
            .Where(f => f.Id == fileId && f.UserId == user.Id)
            .Select(f => new { f.File, f.OriginalFilename, f.MimeType })
            .SingleOrDefaultAsync(ct);
        if (file is null || store.Resolve(file.File) is not { } path || !File.Exists(path))
        {
            return ArtifactResults.NotFoundError(ArtifactMessages.FileNotFound);
        }
        return TypedResults.PhysicalFile(path, string.IsNullOrEmpty(file.MimeType) ? "application/octet-stream" : file.MimeType,
            fileDownloadName: file.OriginalFilename);
    }

    /// <summary>Python's <c>datetime.isoformat()</c> of an aware UTC time (the original's <c>estimated_completion</c>).</summary>
    static string PythonIsoFormat(DateTime utc) =>
        utc.ToString(utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'+00:00'" : "yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'",
            CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Artifact {ArtifactId} was deleted during an upload to it")]
    static partial void LogArtifactVanished(ILogger logger, int artifactId);
}
