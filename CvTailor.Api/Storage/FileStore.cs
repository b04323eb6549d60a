using Microsoft.Extensions.Options;

namespace CvTailor.Api.Storage;

/// <summary>
/// Files on disk under <see cref="StorageOptions.Root"/>. Names are generated (<c>uploads/&lt;32 hex&gt;.pdf</c>);
/// a client's file name never reaches a path. Stored paths are relative to the root, like the original's
/// MEDIA_ROOT-relative paths, and every path read from the database is checked to stay inside the root.
/// </summary>
public sealed partial class FileStore(IOptions<StorageOptions> options, IHostEnvironment environment, ILogger<FileStore> logger)
{
    public const string UploadsFolder = "uploads";

    /// <summary>The URL prefix the original served stored files under; evidence links keep that form.</summary>
    public const string MediaUrlPrefix = "/media/";

    readonly string _root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Root));

    public string Root => _root;

    /// <summary>Writes <paramref name="content"/> to a new generated name and returns its root-relative path.</summary>
    public async Task<string> SaveAsync(Stream content, DocumentKind kind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(kind);
        var relative = $"{UploadsFolder}/{Guid.NewGuid():N}{kind.StoredExtension}";
        var full = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        try
        {
            await using var target = new FileStream(full, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
            });
            await content.CopyToAsync(target, ct);
        }
        catch
        {
            TryDelete(relative);
            throw;
        }
        return relative;
    }

    /// <summary>Removes a stored file; a missing file is not an error (the row is what matters).</summary>
    public bool TryDelete(string relativePath)
    {
        try
        {
            var full = FullPath(relativePath);
            if (!File.Exists(full))
            {
                return false;
            }
            File.Delete(full);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            LogDeleteFailed(logger, ex, relativePath);
            return false;
        }
    }

    /// <summary>Deletes each path, for files written by a request whose database change did not commit.</summary>
    public void DeleteAll(IEnumerable<string> relativePaths)
    {
        foreach (var path in relativePaths)
        {
            TryDelete(path);
        }
    }

    public bool Exists(string relativePath) => File.Exists(FullPath(relativePath));

    public static string MediaUrl(string relativePath) => MediaUrlPrefix + relativePath;

    /// <summary>The absolute path of a root-relative path; refuses anything that would leave the root.</summary>
    public string FullPath(string relativePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        if (Path.IsPathRooted(relativePath))
        {
            throw new ArgumentException("Stored paths are relative to the storage root.", nameof(relativePath));
        }
        var full = Path.GetFullPath(Path.Combine(_root, relativePath));
        var rootWithSeparator = _root.EndsWith(Path.DirectorySeparatorChar) ? _root : _root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootWithSeparator, StringComparison.Ordinal))
        {
            throw new ArgumentException("Path leaves the storage root.", nameof(relativePath));
        }
        return full;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete stored file {RelativePath}")]
    static partial void LogDeleteFailed(ILogger logger, Exception exception, string relativePath);
}
