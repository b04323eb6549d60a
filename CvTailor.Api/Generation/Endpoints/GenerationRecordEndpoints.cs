using System.Text.Json;
using CvTailor.Api.Auth;
using CvTailor.Api.DrfContract;
using CvTailor.Api.Storage;
using CvTailor.Data;
using CvTailor.Data.Generation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Generation.Endpoints;

/// <summary>G3–G7: status, list, detail, delete and rating of the caller's generated documents.</summary>
public static class GenerationRecordEndpoints
{
    /// <summary>G3: the short shape while processing/failed, the full detail once completed.</summary>
    public static async Task<Results<Ok<GenerationDetailDto>, Ok<GenerationSummaryDto>, NotFound<ApiErrorMessage>>> GetAsync(Guid id, CurrentUser user, CvTailorDbContext db, TimeProvider time, CancellationToken ct)
    {
        var document = await Owned(db, user.Id, time).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null)
        {
            return TypedResults.NotFound(new ApiErrorMessage(GenerationMessages.NotFound));
        }
        return document.Status == GenerationStatuses.Completed
            ? TypedResults.Ok(GenerationDetailDto.From(document))
            : TypedResults.Ok(GenerationDetailDto.Summary(document));
    }

    /// <summary>G4: newest first, 20 per page.</summary>
    public static Task<Results<Ok<PagedResult<GenerationSummaryDto>>, NotFound<ApiDetail>>> ListAsync(
        HttpRequest request, CurrentUser user, CvTailorDbContext db, TimeProvider time, CancellationToken ct) =>
        Owned(db, user.Id, time).OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id)
            .Select(GenerationSummaryDto.Projection).ToPageAsync(request, ct);

    /// <summary>G5.</summary>
    public static async Task<Results<Ok<GenerationDetailDto>, NotFound<ApiDetail>>> DetailAsync(Guid id, CurrentUser user, CvTailorDbContext db, TimeProvider time, CancellationToken ct)
    {
        var document = await Owned(db, user.Id, time).SingleOrDefaultAsync(d => d.Id == id, ct);
        return document is null
            ? TypedResults.NotFound(new ApiDetail(ApiMessages.NotFound("GeneratedDocument")))
            : TypedResults.Ok(GenerationDetailDto.From(document));
    }

    /// <summary>G6: feedback and export jobs go with it (foreign keys cascade), and so do the exported files.</summary>
    public static async Task<Results<NoContent, NotFound<ApiDetail>>> DeleteAsync(Guid id, CurrentUser user, CvTailorDbContext db, FileStorage files, CancellationToken ct)
    {
        var document = await db.GeneratedDocuments.SingleOrDefaultAsync(d => d.Id == id && d.UserId == user.Id, ct);
        if (document is null)
        {
            return TypedResults.NotFound(new ApiDetail(ApiMessages.NotFound("GeneratedDocument")));
        }
        var exportFiles = await db.ExportJobs.Where(j => j.GeneratedDocumentId == id && j.FilePath != "").Select(j => j.FilePath).ToListAsync(ct);
        db.GeneratedDocuments.Remove(document);
        await db.SaveChangesAsync(ct);
        files.DeleteAll(exportFiles);
        return TypedResults.NoContent();
    }

    /// <summary>G7: rating 1–10 with optional feedback text; also recorded as a <c>rating</c> feedback row.</summary>
    public static async Task<Results<Ok<RatingAcceptedDto>, NotFound<ApiErrorMessage>, BodyError, FieldErrorsResult>> RateAsync(
        Guid id, RequestFields read, CurrentUser user, CvTailorDbContext db, TimeProvider time, CancellationToken ct)
    {
        var document = await Owned(db, user.Id, time).AsTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null)
        {
            return TypedResults.NotFound(new ApiErrorMessage(GenerationMessages.NotFound));
        }
        if (read.Error is { } bodyError)
        {
            return bodyError;
        }
        var body = read.Values;
        var errors = new FieldErrors();
        body.TryReadInt("rating", errors, out var rating, required: true, min: 1, max: 10);
        var feedback = "";
        if (body.Has("feedback"))
        {
            body.TryReadString("feedback", errors, out feedback, allowBlank: true, trim: false);
        }
        if (errors.HasErrors)
        {
            return errors.ToBadRequest();
        }

        document.UserRating = rating;
        document.UserFeedback = feedback;
        db.GenerationFeedback.Add(new GenerationFeedback
        {
            GenerationId = id,
            FeedbackType = "rating",
            FeedbackData = JsonSerializer.Serialize(new { rating, feedback }),
            CreatedAt = time.UtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new RatingAcceptedDto(GenerationMessages.RatingSubmitted, rating));
    }

    /// <summary>The caller's documents that have not expired (expired ones are deleted by the retention sweep).</summary>
    static IQueryable<GeneratedDocument> Owned(CvTailorDbContext db, long userId, TimeProvider time)
    {
        var now = time.UtcNow();
        return db.GeneratedDocuments.AsNoTracking().Where(d => d.UserId == userId && (d.ExpiresAt == null || d.ExpiresAt > now));
    }
}
