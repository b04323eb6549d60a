namespace CvTailor.Data.Files;

/// <summary>
/// Stored files live under one root, addressed by relative paths as Django's FileField stored them
/// (<c>profiles/ab12….png</c>, the <c>file_path</c> columns). Every service resolves those paths here, so a path that
/// would leave the root is refused everywhere.
/// </summary>
public sealed class StorageRoot
{
    /// <param name="options">The configured root; a relative one is under <paramref name="contentRoot"/>.</param>
    /// <param name="contentRoot">The host's content root.</param>
    public StorageRoot(StorageOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        FullPath = Path.GetFullPath(Path.Combine(contentRoot, options.Root));
    }

    /// <summary>The absolute root directory.</summary>
    public string FullPath { get; }

    /// <summary>The absolute path of a stored file, or null when <paramref name="relativePath"/> points outside the root.</summary>
    public string? Resolve(string relativePath)
    {
        if (string.IsNullOrEmpty(relativePath) || Path.IsPathRooted(relativePath))
        {
            return null;
        }
        var full = Path.GetFullPath(Path.Combine(FullPath, relativePath));
        return full.StartsWith(FullPath + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }
}
