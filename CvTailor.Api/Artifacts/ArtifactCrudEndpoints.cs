using CvTailor.Api.Artifacts.Processing;
using CvTailor.Api.Auth;
using CvTailor.Api.DrfContract;
using CvTailor.Api.Storage;
using CvTailor.Data;
using CvTailor.Data.Artifacts;
using CvTailor.Data.Queue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Artifacts;

/// <summary>R1–R5: list, create, get, update (PUT/PATCH) and delete artifacts.</summary>
public static class ArtifactCrudEndpoints
{
    /// <summary>R1: the caller's artifacts, filtered (see <see cref="ArtifactListFilter"/>), 20 per page.</summary>
    public static async Task<Results<Ok<PagedResult<ArtifactDto>>, NotFound<ApiDetail>, FieldErrorsResult>> ListAsync(
        HttpRequest request, CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var filter = ArtifactListFilter.Parse(request.Query, errors);
        if (filter is null)
        {
            return errors.ToBadRequest();
        }
        return (await filter.Apply(db, user.Id).AsNoTracking().Select(ArtifactDto.Projection).ToPageAsync(request, ct)).Result switch
        {
            Ok<PagedResult<ArtifactDto>> page => page,
            var invalidPage => (NotFound<ApiDetail>)invalidPage,
        };
    }

    /// <summary>
    /// R2: create an artifact with its evidence links; the embedding job commits with it, and so does a processing
    /// job that checks the links when there are any.
    /// </summary>
    public static async Task<Results<Created<ArtifactCreatedDto>, BodyError, BadRequest<IReadOnlyDictionary<string, object>>>> CreateAsync(
        RequestFields read, CurrentUser user, CvTailorDbContext db, ArtifactProcessingChannel processing, TimeProvider time,
        CancellationToken ct)
    {
        if (read.Error is { } bodyError)
        {
            return bodyError;
        }
        var errors = new ArtifactFieldErrors();
        var input = ArtifactInputReader.Read(read.Values, ArtifactWriteMode.Create, errors);
        ArtifactInputReader.CheckDateOrder(input.StartDate, input.EndDate, errors.Fields);
        if (errors.HasErrors)
        {
            return errors.ToBadRequest();
        }

        var now = time.UtcNow();
        ArtifactProcessingJob? job = null;
        var artifact = await ArtifactWrites.CreateAsync(db, user.Id, input, now, input.EvidenceLinks.Count == 0 ? null : (created, _) =>
        {
            job = ArtifactProcessingJobs.Open(db, created.Id, now);
            return Task.CompletedTask;
        }, ct);
        if (job is not null)
        {
            processing.Enqueue(job.Id);
        }
        return TypedResults.Created($"/api/v1/artifacts/{artifact.Id}/", ArtifactCreatedDto.From(artifact));
    }

    /// <summary>R3.</summary>
    public static async Task<Results<Ok<ArtifactDto>, NotFound<ApiDetail>>> GetAsync(int id, CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        var artifact = await db.Artifacts.AsNoTracking()
            .Where(a => a.Id == id && a.UserId == user.Id)
            .Select(ArtifactDto.Projection)
            .SingleOrDefaultAsync(ct);
        return artifact is null ? ArtifactResults.NotFoundDetail() : TypedResults.Ok(artifact);
    }

    /// <summary>R4 PUT: title and description required, other fields optional (as DRF's full update).</summary>
    public static Task<Results<Ok<ArtifactUpdatedDto>, NotFound<ApiDetail>, BodyError, BadRequest<IReadOnlyDictionary<string, object>>>> ReplaceAsync(
        int id, RequestFields read, CurrentUser user, CvTailorDbContext db, TimeProvider time, CancellationToken ct) =>
        UpdateAsync(id, ArtifactWriteMode.Replace, read, user, db, time, ct);

    /// <summary>R4 PATCH.</summary>
    public static Task<Results<Ok<ArtifactUpdatedDto>, NotFound<ApiDetail>, BodyError, BadRequest<IReadOnlyDictionary<string, object>>>> PatchAsync(
        int id, RequestFields read, CurrentUser user, CvTailorDbContext db, TimeProvider time, CancellationToken ct) =>
        UpdateAsync(id, ArtifactWriteMode.Patch, read, user, db, time, ct);

    static async Task<Results<Ok<ArtifactUpdatedDto>, NotFound<ApiDetail>, BodyError, BadRequest<IReadOnlyDictionary<string, object>>>> UpdateAsync(
        int id, ArtifactWriteMode mode, RequestFields read, CurrentUser user, CvTailorDbContext db, TimeProvider time,
        CancellationToken ct)
    {
        // Ownership first, as DRF's get_object ran before validation: a foreign id is a 404 whatever the body says.
        var artifact = await db.Artifacts.SingleOrDefaultAsync(a => a.Id == id && a.UserId == user.Id, ct);
        if (artifact is null)
        {
            return ArtifactResults.NotFoundDetail();
        }
        if (read.Error is { } bodyError)
        {
            return bodyError;
        }
        var errors = new ArtifactFieldErrors();
        var input = ArtifactInputReader.Read(read.Values, mode, errors);
        if (!errors.HasErrors)
        {
            // The order is checked on the values the artifact will have, not only on dates sent together.
            ArtifactInputReader.CheckDateOrder(
                input.HasStartDate ? input.StartDate : artifact.StartDate,
                input.HasEndDate ? input.EndDate : artifact.EndDate,
                errors.Fields);
        }
        if (errors.HasErrors)
        {
            return errors.ToBadRequest();
        }

        ArtifactWrites.Apply(artifact, input);
        artifact.UpdatedAt = time.UtcNow();
        await EmbeddingQueue.EnqueueAsync(db, user.Id, artifact.Id, EmbeddingJobKinds.ArtifactUpsert, ct);
        await db.SaveChangesAsync(ct); // one SaveChanges: the change and its job commit together
        return TypedResults.Ok(ArtifactUpdatedDto.From(artifact));
    }

    /// <summary>R5: the links and processing jobs go with it (foreign keys cascade), and so do its uploaded files.</summary>
    public static async Task<Results<NoContent, NotFound<ApiDetail>>> DeleteAsync(
        int id, CurrentUser user, CvTailorDbContext db, FileStorage files, CancellationToken ct)
    {
        var artifact = await db.Artifacts.SingleOrDefaultAsync(a => a.Id == id && a.UserId == user.Id, ct);
        if (artifact is null)
        {
            return ArtifactResults.NotFoundDetail();
        }
        var filePaths = await db.EvidenceLinks
            .Where(l => l.ArtifactId == id && l.FilePath != "")
            .Select(l => l.FilePath)
            .Distinct()
            .ToListAsync(ct);
        var orphans = await UploadedFileCleanup.OrphanedByAsync(db, user.Id, filePaths, ignoreArtifactId: id, ignoreLinkId: null, ct);

        db.Artifacts.Remove(artifact);
        db.UploadedFiles.RemoveRange(orphans);
        await EmbeddingQueue.EnqueueAsync(db, user.Id, id, EmbeddingJobKinds.ArtifactDelete, ct);
        await db.SaveChangesAsync(ct);
        files.DeleteAll(orphans.Select(f => f.File));
        return TypedResults.NoContent();
    }
}
