using CvTailor.Api.Artifacts.Processing;
using CvTailor.Api.Auth;
using CvTailor.Api.DrfContract;
using CvTailor.Api.Storage;
using CvTailor.Data;
using CvTailor.Data.Queue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Artifacts;

/// <summary>
/// R11–R13: add, replace and delete an artifact's evidence links. Each change re-embeds the artifact; a new link or a
/// changed URL also opens a processing job, which checks the artifact's links.
/// </summary>
public static class EvidenceLinkEndpoints
{
    /// <summary>R11.</summary>
    public static async Task<Results<Created<EvidenceLinkCreatedDto>, NotFound<ApiErrorMessage>, BodyError, FieldErrorsResult>> CreateAsync(
        int artifactId, RequestFields read, CurrentUser user, CvTailorDbContext db, ArtifactProcessingChannel processing,
        TimeProvider time, CancellationToken ct)
    {
        var artifact = await db.Artifacts.SingleOrDefaultAsync(a => a.Id == artifactId && a.UserId == user.Id, ct);
        if (artifact is null)
        {
            return ArtifactResults.NotFoundError(ArtifactMessages.ArtifactNotFound);
        }
        if (read.Error is { } bodyError)
        {
            return bodyError;
        }
        var errors = new FieldErrors();
        if (EvidenceLinkReader.Read(read.Values, errors, acceptTypeAlias: false) is not { } input)
        {
            return errors.ToBadRequest();
        }

        var now = time.UtcNow();
        var link = ArtifactWrites.NewLink(input, now);
        artifact.EvidenceLinks.Add(link);
        artifact.UpdatedAt = now;
        var job = ArtifactProcessingJobs.Open(db, artifact.Id, now);
        await EmbeddingQueue.EnqueueAsync(db, user.Id, artifact.Id, EmbeddingJobKinds.ArtifactUpsert, ct);
        await db.SaveChangesAsync(ct);
        processing.Enqueue(job.Id);
        return TypedResults.Created((string?)null,
            new EvidenceLinkCreatedDto(link.Id, link.Url, link.LinkType, link.Description, link.CreatedAt));
    }

    /// <summary>R12: full update (url and link_type required; a missing description keeps its value).</summary>
    public static async Task<Results<Ok<EvidenceLinkUpdatedDto>, NotFound<ApiErrorMessage>, BodyError, FieldErrorsResult>> ReplaceAsync(
        long linkId, RequestFields read, CurrentUser user, CvTailorDbContext db, ArtifactProcessingChannel processing,
        TimeProvider time, CancellationToken ct)
    {
        var link = await db.EvidenceLinks.Include(l => l.Artifact)
            .SingleOrDefaultAsync(l => l.Id == linkId && l.Artifact!.UserId == user.Id, ct);
        if (link is null)
        {
            return ArtifactResults.NotFoundError(ArtifactMessages.EvidenceLinkNotFound);
        }
        if (read.Error is { } bodyError)
        {
            return bodyError;
        }
        var errors = new FieldErrors();
        var body = read.Values;
        if (EvidenceLinkReader.Read(body, errors, acceptTypeAlias: false) is not { } input)
        {
            return errors.ToBadRequest();
        }

        var now = time.UtcNow();
        // A changed URL's old check no longer says anything: reset it, and check the new one.
        var job = link.Url == input.Url ? null : ArtifactProcessingJobs.Open(db, link.ArtifactId, now);
        if (job is not null)
        {
            link.IsAccessible = true;
            link.LastValidated = null;
            link.ValidationMetadata = "{}";
        }
        link.Url = input.Url;
        link.LinkType = input.LinkType;
        if (body.ContainsKey("description"))
        {
            link.Description = input.Description;
        }
        link.UpdatedAt = now;
        link.Artifact!.UpdatedAt = now;
        await EmbeddingQueue.EnqueueAsync(db, user.Id, link.ArtifactId, EmbeddingJobKinds.ArtifactUpsert, ct);
        await db.SaveChangesAsync(ct);
        if (job is not null)
        {
            processing.Enqueue(job.Id);
        }
        return TypedResults.Ok(new EvidenceLinkUpdatedDto(link.Id, link.Url, link.LinkType, link.Description, link.UpdatedAt));
    }

    /// <summary>R13: a link that attached an uploaded file takes the file with it when nothing else uses it.</summary>
    public static async Task<Results<NoContent, NotFound<ApiErrorMessage>>> DeleteAsync(
        long linkId, CurrentUser user, CvTailorDbContext db, FileStorage store, TimeProvider time, CancellationToken ct)
    {
        var link = await db.EvidenceLinks.Include(l => l.Artifact)
            .SingleOrDefaultAsync(l => l.Id == linkId && l.Artifact!.UserId == user.Id, ct);
        if (link is null)
        {
            return ArtifactResults.NotFoundError(ArtifactMessages.EvidenceLinkNotFound);
        }
        var orphans = link.FilePath.Length == 0
            ? []
            : await UploadedFileCleanup.OrphanedByAsync(db, user.Id, [link.FilePath], ignoreArtifactId: null, ignoreLinkId: link.Id, ct);

        db.EvidenceLinks.Remove(link);
        db.UploadedFiles.RemoveRange(orphans);
        link.Artifact!.UpdatedAt = time.UtcNow();
        await EmbeddingQueue.EnqueueAsync(db, user.Id, link.ArtifactId, EmbeddingJobKinds.ArtifactUpsert, ct);
        await db.SaveChangesAsync(ct);
        store.DeleteAll(orphans.Select(f => f.File));
        return TypedResults.NoContent();
    }
}
