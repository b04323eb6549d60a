
namespace CvTailor.Api.Storage;

/// <summary>Where uploads go in the storage and how their paths appear in evidence links.</summary>
public static class StoredFiles
{
    public const string UploadsFolder = "uploads";

    /// <summary>The URL prefix the original served stored files under; evidence links keep that form.</summary>
    public const string MediaUrlPrefix = "/media/";

    public static string MediaUrl(string relativePath) => MediaUrlPrefix + relativePath;

    public static Task<string> SaveUploadAsync(this FileStorage storage, Stream content, DocumentKind kind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(kind);
        return storage.SaveAsync(UploadsFolder, kind.StoredExtension, content, ct);
    }

    /// <summary>Deletes each path, e.g. files written by a request whose database change did not commit.</summary>
    public static void DeleteAll(this FileStorage storage, IEnumerable<string> relativePaths)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(relativePaths);
        foreach (var path in relativePaths)
        {
            storage.TryDelete(path);
        }
    }
}
