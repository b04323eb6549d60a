using CvTailor.Api.Auth;
using CvTailor.Api.DrfContract;
using CvTailor.Api.Endpoints;
using CvTailor.Api.Storage;
using CvTailor.Data;
using CvTailor.Data.Export;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace CvTailor.Api.Export.Endpoints;

/// <summary>
/// E3: the file, for its owner. The caller proves ownership either with the usual Bearer token or with a signed
/// link (<c>?expires=…&amp;signature=…</c>, see <see cref="DownloadLinkSigner"/>), which is what a browser window
/// opened on <c>download_url</c> sends. Each download is counted and logged as a <c>downloaded</c> analytics event.
/// </summary>
public static class ExportDownloadEndpoints
{
    public static async Task<Results<PhysicalFileHttpResult, ChallengeHttpResult, ForbiddenJson<ApiDetail>, NotFound<ApiDetail>, NotFound<ApiErrorMessage>, GoneJson<ApiErrorMessage>>> DownloadAsync(
        Guid id, HttpContext context, CvTailorDbContext db, DownloadLinkSigner signer, FileStorage files, TimeProvider time,
        CancellationToken ct)
    {
        var query = context.Request.Query;
        var viaLink = query.ContainsKey("signature");
        ExportJob? job;
        if (CurrentUser.FromPrincipal(context.User) is { } user && !viaLink)
        {
            job = await db.ExportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.UserId == user.Id, ct);
        }
        else if (viaLink)
        {
            job = await db.ExportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, ct);
            // An unknown id and a bad signature look the same, so links cannot probe for export ids.
            var check = job is null ? DownloadLinkCheck.Invalid : signer.Verify(id, job.UserId, query["expires"], query["signature"]);
            if (check != DownloadLinkCheck.Valid)
            {
                return new ForbiddenJson<ApiDetail>(
                    new ApiDetail(check == DownloadLinkCheck.Expired ? ExportMessages.LinkExpired : ExportMessages.LinkInvalid));
            }
        }
        else
        {
            return TypedResults.Challenge(); // the Bearer handler writes the contract's 401
        }

        if (job is null || job.Status != ExportStatuses.Completed)
        {
            return TypedResults.NotFound(new ApiDetail(ExportMessages.ExportNotFound));
        }
        var now = time.UtcNow();
        if (job.ExpiresAt is { } expires && expires <= now)
        {
            return new GoneJson<ApiErrorMessage>(new ApiErrorMessage(ExportMessages.FileExpired));
        }
        if (files.Resolve(job.FilePath) is not { } path || !File.Exists(path))
        {
            return TypedResults.NotFound(new ApiErrorMessage(ExportMessages.FileNotFound));
        }

        var userAgent = context.Request.Headers.UserAgent.ToString();
        await db.ExportJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.DownloadCount, j => j.DownloadCount + 1), ct);
        var count = await db.ExportJobs.Where(j => j.Id == id).Select(j => j.DownloadCount).SingleAsync(ct);
        db.ExportAnalytics.Add(new ExportAnalytics
        {
            ExportJobId = id,
            EventType = "downloaded",
            Metadata = ClientAddress.Metadata(new { user_agent = userAgent, download_count = count, via = viaLink ? "signed_link" : "token" }),
            UserAgent = userAgent,
            IpAddress = ClientAddress.Of(context),
            CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);

        var format = ExportFormatNames.Parse(ExportFormatNames.FromColumn(job.Format));
        var name = await DownloadNameAsync(db, job, format, ct);
        context.Response.Headers[HeaderNames.ContentDisposition] = $"attachment; filename=\"{name}\"";
        context.Response.Headers[HeaderNames.CacheControl] = "private, no-store";
        return TypedResults.PhysicalFile(path, ExportFormats.ContentType(format));
    }

    /// <summary><c>GET /api/v1/export/{id}/download-link/</c> (new): a fresh signed link for a completed export.</summary>
    public static async Task<Results<Ok<DownloadLinkDto>, NotFound<ApiDetail>>> LinkAsync(Guid id, CurrentUser user, CvTailorDbContext db, DownloadLinkSigner signer, CancellationToken ct)
    {
        var completed = await db.ExportJobs.AsNoTracking()
            .AnyAsync(j => j.Id == id && j.UserId == user.Id && j.Status == ExportStatuses.Completed && j.FilePath != "", ct);
        return completed
            ? TypedResults.Ok(new DownloadLinkDto(signer.CreateUrl(id, user.Id), signer.ExpiryOfNewLink()))
            : TypedResults.NotFound(new ApiDetail(ExportMessages.ExportNotFound));
    }

    /// <summary><c>cv_First_Last_Company.pdf</c> (the original wrote the literal word "company"; we use the posting's company).</summary>
    static async Task<string> DownloadNameAsync(CvTailorDbContext db, ExportJob job, ExportFormat format, CancellationToken ct)
    {
        var info = await db.GeneratedDocuments.AsNoTracking()
            .Where(d => d.Id == job.GeneratedDocumentId)
            .Select(d => new
            {
                d.DocumentType,
                Company = d.UserJobDescription != null ? d.UserJobDescription.CompanyName : "",
                d.User!.FirstName,
                d.User.LastName,
                d.User.Username,
            })
            .SingleAsync(ct);
        var person = StoredContent.FileNamePart($"{info.FirstName}_{info.LastName}");
        if (person.Length == 0)
        {
            person = StoredContent.FileNamePart(info.Username);
        }
        var company = StoredContent.FileNamePart(info.Company);
        var prefix = info.DocumentType == "cover_letter" ? "cover_letter" : "cv";
        return $"{prefix}_{person}_{(company.Length > 0 ? company : "company")}.{ExportFormats.Extension(format)}";
    }
}
