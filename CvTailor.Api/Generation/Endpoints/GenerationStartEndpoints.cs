using System.Globalization;
using System.Text.Json;
using CvTailor.Api.Auth;
using CvTailor.Api.DrfContract;
using CvTailor.Api.Endpoints;
using CvTailor.Api.Generation.Caching;
using CvTailor.Api.Generation.Jobs;
using CvTailor.Api.HttpPipeline;
using CvTailor.Data;
using CvTailor.Data.Generation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Generation.Endpoints;

/// <summary>G1/G2: validate, cache the posting's parse for the caller, write the document row, queue it, answer 202.</summary>
public static class GenerationStartEndpoints
{
    public static Task<Results<Accepted<GenerationStartedDto>, BodyError, FieldErrorsResult, TooManyRequestsJson<ApiDetail>>> StartCvAsync(
        RequestFields read, HttpRequest request, CurrentUser user, CvTailorDbContext db, JobDescriptionCache cache, GenerationChannel queue,
        IOptions<GenerationOptions> options, TimeProvider time, CancellationToken ct) =>
        StartAsync(GenerationStatuses.Cv, read, request, user, db, cache, queue, options.Value, time, ct);

    public static Task<Results<Accepted<GenerationStartedDto>, BodyError, FieldErrorsResult, TooManyRequestsJson<ApiDetail>>> StartCoverLetterAsync(
        RequestFields read, HttpRequest request, CurrentUser user, CvTailorDbContext db, JobDescriptionCache cache, GenerationChannel queue,
        IOptions<GenerationOptions> options, TimeProvider time, CancellationToken ct) =>
        StartAsync(GenerationStatuses.CoverLetter, read, request, user, db, cache, queue, options.Value, time, ct);

    static async Task<Results<Accepted<GenerationStartedDto>, BodyError, FieldErrorsResult, TooManyRequestsJson<ApiDetail>>> StartAsync(
        string documentType, RequestFields read, HttpRequest request, CurrentUser user, CvTailorDbContext db, JobDescriptionCache cache,
        GenerationChannel queue, GenerationOptions options, TimeProvider time, CancellationToken ct)
    {
        if (read.Error is { } bodyError)
        {
            return bodyError;
        }
        var errors = new FieldErrors();
        var input = GenerationInput.Read(read.Values, errors);
        if (input is null)
        {
            return errors.ToBadRequest();
        }
        if (await UnknownArtifactsAsync(db, user.Id, input.ArtifactIds, ct) is { } unknown)
        {
            return unknown;
        }
        var now = time.UtcNow();
        if (await HourlyQuota.CheckAsync(options.MaxPerHour, now,
                (since, token) => db.GeneratedDocuments.Where(d => d.UserId == user.Id && d.CreatedAt >= since).Select(d => d.CreatedAt).ToListAsync(token),
                request.HttpContext, ct) is { } throttled)
        {
            return throttled;
        }

        var cached = await cache.GetOrParseAsync(db, user.Id, input.JobDescription, input.CompanyName, input.RoleTitle, ct);
        var document = new GeneratedDocument
        {
            Id = Guid.NewGuid(),
            DocumentType = documentType,
            JobDescriptionHash = cached.Parsed.ContentHash,
            LabelIds = JsonSerializer.Serialize(input.ArtifactIds),
            TemplateId = input.TemplateId,
            CustomSections = input.CustomSections.ToJsonString(),
            GenerationPreferences = input.GenerationPreferences.ToJsonString(),
            Status = GenerationStatuses.Processing,
            CreatedAt = now,
            ExpiresAt = now + options.DocumentLifetime,
            UserId = user.Id,
            UserJobDescriptionId = cached.RowId,
        };
        db.GeneratedDocuments.Add(document);
        await db.SaveChangesAsync(ct);
        queue.Enqueue(document.Id);

        return TypedResults.Accepted(
            $"/api/v1/generate/{document.Id}/",
            new GenerationStartedDto(document.Id, document.Status, now + options.EstimatedDuration, document.JobDescriptionHash));
    }

    /// <summary>
    /// 400 naming the selected artifact ids the caller does not own (or that do not exist), else null. The original
    /// stored <c>label_ids</c> unchecked and ignored them; here they restrict the candidates, so they must be the caller's.
    /// </summary>
    public static async Task<FieldErrorsResult?> UnknownArtifactsAsync(CvTailorDbContext db, long userId, IReadOnlyList<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return null;
        }
        var owned = await db.Artifacts.AsNoTracking().Where(a => a.UserId == userId && ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
        var missing = ids.Except(owned).Order().ToList();
        return missing.Count == 0
            ? null
            : FieldErrors.For("label_ids", $"Artifacts not found: {string.Join(", ", missing.Select(i => i.ToString(CultureInfo.InvariantCulture)))}.");
    }
}
