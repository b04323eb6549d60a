using CvTailor.Api.DrfContract;
using CvTailor.Api.Storage;
using CvTailor.Data.Artifacts;

namespace CvTailor.Api.Artifacts;

/// <summary>A checked upload written to storage under its generated path.</summary>
public sealed record StoredUpload(AcceptedUpload Upload, string RelativePath);

/// <summary>
/// The files of one request: all checked before anything is written (one bad file refuses the request), then stored,
/// then turned into rows. If the database write fails the caller deletes what was stored.
/// </summary>
public static class UploadBatch
{
    public static async Task<(List<AcceptedUpload> Accepted, FieldErrors Errors)> CheckAsync(
        IReadOnlyList<IFormFile> files, string field, UploadInspector inspector, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(inspector);
        var errors = new FieldErrors();
        var accepted = new List<AcceptedUpload>();
        if (files.Count > inspector.MaxFilesPerRequest)
        {
            errors.Add(field, inspector.TooManyFilesMessage);
            return (accepted, errors);
        }
        foreach (var file in files)
        {
            var check = await inspector.CheckAsync(file, ct);
            if (check.Accepted is { } ok)
            {
                accepted.Add(ok);
            }
            else
            {
                errors.Add(field, check.Error!);
            }
        }
        return (accepted, errors);
    }

    public static async Task<List<StoredUpload>> StoreAsync(IReadOnlyList<AcceptedUpload> uploads, FileStorage store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        ArgumentNullException.ThrowIfNull(store);
        var stored = new List<StoredUpload>(uploads.Count);
        try
        {
            foreach (var upload in uploads)
            {
                await using var content = upload.File.OpenReadStream();
                stored.Add(new StoredUpload(upload, await store.SaveUploadAsync(content, upload.Kind, ct)));
            }
            return stored;
        }
        catch
        {
            store.DeleteAll(stored.Select(s => s.RelativePath));
            throw;
        }
    }

    public static UploadedFile FileRow(StoredUpload stored, long userId, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new UploadedFile
        {
            Id = Guid.NewGuid(),
            File = stored.RelativePath,
            OriginalFilename = stored.Upload.OriginalFileName,
            FileSize = checked((int)stored.Upload.Size),
            MimeType = stored.Upload.Kind.MimeType,
            UserId = userId,
            CreatedAt = now,
        };
    }

    /// <summary>The evidence link that attaches an uploaded file to an artifact (the original's bulk-upload form).</summary>
    public static EvidenceLink LinkRow(UploadedFile file, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(file);
        var description = $"Uploaded file: {file.OriginalFilename}";
        return new EvidenceLink
        {
            Url = StoredFiles.MediaUrl(file.File),
            LinkType = EvidenceLinkTypes.Document,
            Description = description.Length <= ArtifactLimits.LinkDescriptionMaxLength
                ? description
                : description[..ArtifactLimits.LinkDescriptionMaxLength],
            FilePath = file.File,
            FileSize = file.FileSize,
            MimeType = file.MimeType,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
