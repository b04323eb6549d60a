using System.Net;
using System.Text.Json;
using CvTailor.Api.Auth;
using CvTailor.Api.DrfContract;
using CvTailor.Api.Export.Jobs;
using CvTailor.Api.Generation.Endpoints;
using CvTailor.Api.Endpoints;
using CvTailor.Api.HttpPipeline;
using CvTailor.Api.Storage;
using CvTailor.Data;
using CvTailor.Data.Export;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Export.Endpoints;

/// <summary>E1, E2, E4, E5, E6: start, status, list, detail and delete the caller's export jobs.</summary>
public static class ExportJobEndpoints
{
    /// <summary>E1: ownership and completion first (as the original checked them before the body), then the body.</summary>
    public static async Task<Results<Accepted<ExportStartedDto>, NotFound<ApiErrorMessage>, BodyError, FieldErrorsResult, TooManyRequestsJson<ApiDetail>>> StartAsync(
        Guid generationId, RequestFields read, HttpRequest request, CurrentUser user, CvTailorDbContext db, ExportChannel queue,
        IOptions<ExportServiceOptions> options, TimeProvider time, CancellationToken ct)
    {
        var document = await db.GeneratedDocuments.AsNoTracking()
            .Where(d => d.Id == generationId && d.UserId == user.Id && d.Status == GenerationStatuses.Completed)
            .Select(d => new { d.Id, d.DocumentType, d.ExpiresAt })
            .SingleOrDefaultAsync(ct);
        var now = time.UtcNow();
        if (document is null || document.ExpiresAt <= now)
        {
            return TypedResults.NotFound(new ApiErrorMessage(ExportMessages.DocumentNotFound));
        }

        if (read.Error is { } bodyError)
        {
            return bodyError;
        }
        var errors = new FieldErrors();
        var input = ExportInput.Read(read.Values, errors);
        if (input is not null && document.DocumentType == GenerationStatuses.CoverLetter && input.Format == ExportFormatNames.JsonResume)
        {
            errors.Add("format", "JSON Resume describes CVs; export a cover letter as pdf, docx or markdown.");
        }
        if (input is null || errors.HasErrors)
        {
            return errors.ToBadRequest();
        }
        if (input.TemplateId is { } templateId && !await db.ExportTemplates.AnyAsync(t => t.Id == templateId && t.IsActive, ct))
        {
            return TypedResults.NotFound(new ApiErrorMessage(ExportMessages.TemplateNotFound));
        }
        if (await HourlyQuota.CheckAsync(options.Value.MaxPerHour, now,
                (since, token) => db.ExportJobs.Where(j => j.UserId == user.Id && j.CreatedAt >= since).Select(j => j.CreatedAt).ToListAsync(token),
                request.HttpContext, ct) is { } throttled)
        {
            return throttled;
        }

        var job = new ExportJob
        {
            Id = Guid.NewGuid(),
            Format = ExportFormatNames.ToColumn(input.Format),
            ExportOptions = input.StoredOptions.ToJsonString(),
            Status = ExportStatuses.Processing,
            CreatedAt = now,
            ExpiresAt = now + options.Value.FileLifetime,
            GeneratedDocumentId = document.Id,
            TemplateId = input.TemplateId,
            UserId = user.Id,
        };
        db.ExportJobs.Add(job);
        await db.SaveChangesAsync(ct);
        queue.Enqueue(job.Id);
        return TypedResults.Accepted($"/api/v1/export/{job.Id}/status/",
            new ExportStartedDto(job.Id, job.Status, now + options.Value.EstimatedDuration, 0));
    }

    /// <summary>E2.</summary>
    public static async Task<Results<Ok<ExportDetailDto>, NotFound<ApiErrorMessage>>> StatusAsync(Guid id, CurrentUser user, CvTailorDbContext db, DownloadLinkSigner signer, CancellationToken ct)
    {
        var found = await FindAsync(db, user.Id, id, ct);
        return found is null
            ? TypedResults.NotFound(new ApiErrorMessage(ExportMessages.JobNotFound))
            : TypedResults.Ok(ExportDetailDto.From(found.Job, found.TemplateName, signer));
    }

    /// <summary>E4: newest first, 20 per page.</summary>
    public static Task<Results<Ok<PagedResult<ExportListItemDto>>, NotFound<ApiDetail>>> ListAsync(
        HttpRequest request, CurrentUser user, CvTailorDbContext db, DownloadLinkSigner signer, CancellationToken ct) =>
        db.ExportJobs.AsNoTracking()
            .Where(j => j.UserId == user.Id)
            .OrderByDescending(j => j.CreatedAt).ThenBy(j => j.Id)
            .ToPageAsync(request, j => ExportListItemDto.From(j, signer), ct);

    /// <summary>E5.</summary>
    public static async Task<Results<Ok<ExportDetailDto>, NotFound<ApiDetail>>> DetailAsync(Guid id, CurrentUser user, CvTailorDbContext db, DownloadLinkSigner signer, CancellationToken ct)
    {
        var found = await FindAsync(db, user.Id, id, ct);
        return found is null
            ? TypedResults.NotFound(new ApiDetail(ApiMessages.NotFound("ExportJob")))
            : TypedResults.Ok(ExportDetailDto.From(found.Job, found.TemplateName, signer));
    }

    /// <summary>
    /// E6: the file and the job go (its analytics rows cascade with it). The original wrote a <c>deleted</c> analytics
    /// row first, which the cascade removed at once; we log the deletion instead.
    /// </summary>
    public static async Task<Results<NoContent, NotFound<ApiDetail>>> DeleteAsync(
        Guid id, CurrentUser user, CvTailorDbContext db, FileStorage files, ILoggerFactory loggers, CancellationToken ct)
    {
        var job = await db.ExportJobs.SingleOrDefaultAsync(j => j.Id == id && j.UserId == user.Id, ct);
        if (job is null)
        {
            return TypedResults.NotFound(new ApiDetail(ApiMessages.NotFound("ExportJob")));
        }
        db.ExportJobs.Remove(job);
        await db.SaveChangesAsync(ct);
        files.TryDelete(job.FilePath);
        ExportLog.Deleted(loggers.CreateLogger(typeof(ExportJobEndpoints)), job.Id, "user_request");
        return TypedResults.NoContent();
    }

    static async Task<FoundJob?> FindAsync(CvTailorDbContext db, long userId, Guid id, CancellationToken ct) =>
        await db.ExportJobs.AsNoTracking()
            .Where(j => j.Id == id && j.UserId == userId)
            .Select(j => new FoundJob(j, j.Template != null ? j.Template.Name : null))
            .SingleOrDefaultAsync(ct);

    sealed record FoundJob(ExportJob Job, string? TemplateName);
}

/// <summary>Structured log lines of the export area.</summary>
public static partial class ExportLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Export {ExportId} deleted ({Reason})")]
    public static partial void Deleted(ILogger logger, Guid exportId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Export {ExportId} failed")]
    public static partial void Failed(ILogger logger, Exception exception, Guid exportId);
}

/// <summary>Reads the client address for analytics rows.</summary>
public static class ClientAddress
{
    public static IPAddress? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        return address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
    }

    public static string Metadata(object value) => JsonSerializer.Serialize(value);
}
