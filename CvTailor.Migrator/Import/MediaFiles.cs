using System.Security.Cryptography;
using CvTailor.Migrator.Verification;
using Microsoft.Data.Sqlite;

namespace CvTailor.Migrator.Import;

/// <summary>
/// The original's <c>media/</c> directory copied into the storage root with the same relative paths (the database holds
/// only those paths). Never overwrites a different file; remembers what it created so a failed import removes it again.
/// </summary>
public sealed class MediaFiles
{
    readonly string _source;
    readonly string _root;
    readonly List<string> _createdFiles = [];
    readonly List<string> _createdDirectories = [];

    MediaFiles(string source, string root, IReadOnlyList<string> files)
    {
        _source = source;
        _root = root;
        Files = files;
    }

    /// <summary>Relative paths with '/' separators, sorted.</summary>
    public IReadOnlyList<string> Files { get; }

    public long Bytes => Files.Sum(f => new FileInfo(Path.Combine(_source, f)).Length);

    public static MediaFiles Open(string sourceDirectory, string storageRoot)
    {
        var source = Path.GetFullPath(sourceDirectory);
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"Media directory {sourceDirectory} does not exist.");
        }

        var files = Directory.EnumerateFiles(source, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Select(f => Path.GetRelativePath(source, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new MediaFiles(source, Path.GetFullPath(storageRoot), files);
    }

    /// <summary>Files that exist in the storage root with other content (the import refuses to overwrite them).</summary>
    public async Task<IReadOnlyList<string>> ConflictsAsync(CancellationToken ct)
    {
        var conflicts = new List<string>();
        foreach (var file in Files)
        {
            var target = Path.Combine(_root, file);
            if (File.Exists(target) && !await SameAsync(Path.Combine(_source, file), target, ct))
            {
                conflicts.Add(file);
            }
        }

        return conflicts;
    }

    public async Task CopyAsync(CancellationToken ct)
    {
        foreach (var file in Files)
        {
            var target = Path.Combine(_root, file);
            if (File.Exists(target))
            {
                continue; // same content, checked by ConflictsAsync
            }

            CreateDirectory(Path.GetDirectoryName(target)!);
            var temporary = target + ".importing";
            await using (var input = File.OpenRead(Path.Combine(_source, file)))
            await using (var output = File.Create(temporary))
            {
                await input.CopyToAsync(output, ct);
            }

            File.SetLastWriteTimeUtc(temporary, File.GetLastWriteTimeUtc(Path.Combine(_source, file)));
            File.Move(temporary, target);
            _createdFiles.Add(target);
        }
    }

    /// <summary>Removes what <see cref="CopyAsync"/> created (the import did not commit).</summary>
    public void Rollback()
    {
        foreach (var file in _createdFiles)
        {
            File.Delete(file);
        }

        foreach (var directory in Enumerable.Reverse(_createdDirectories))
        {
            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
            }
        }

        _createdFiles.Clear();
        _createdDirectories.Clear();
    }

    public async Task<MediaCheck> VerifyAsync(IReadOnlyCollection<string> referenced, CancellationToken ct)
    {
        var missing = new List<string>();
        var different = new List<string>();
        foreach (var file in Files)
        {
            var target = Path.Combine(_root, file);
            if (!File.Exists(target))
            {
                missing.Add(file);
            }
            else if (!await SameAsync(Path.Combine(_source, file), target, ct))
            {
                different.Add(file);
            }
        }

        return new MediaCheck(Files.Count, Bytes, missing, different, Absent(referenced));
    }

    /// <summary>What a dry run can say without copying: the files and bytes it would copy, and the referenced files absent.</summary>
    public MediaCheck Planned(IReadOnlyCollection<string> referenced) =>
        new(Files.Count, Bytes, [], [], Absent(referenced)) { Compared = false };

    List<string> Absent(IReadOnlyCollection<string> referenced)
    {
        var present = Files.ToHashSet(StringComparer.Ordinal);
        return referenced.Where(r => !present.Contains(r)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Paths the source database refers to (profile images, uploads, evidence files, exports).</summary>
    public static async Task<IReadOnlyList<string>> ReferencedAsync(SqliteConnection source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        (string Table, string Column)[] columns =
        [
            ("accounts_user", "profile_image"),
            ("artifacts_uploadedfile", "file"),
            ("artifacts_evidencelink", "file_path"),
            ("export_exportjob", "file_path"),
        ];
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (table, column) in columns)
        {
            await using var command = source.CreateCommand();
            command.CommandText = $"SELECT DISTINCT \"{column}\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL AND \"{column}\" <> ''";
            try
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    paths.Add(reader.GetString(0).TrimStart('/'));
                }
            }
            catch (SqliteException ex) when (SourceFileException.IsDamage(ex))
            {
                throw SourceFileException.Damaged(source, ex, table);
            }
            catch (SqliteException)
            {
                // A source without that table simply refers to no such files.
            }
        }

        return paths.ToList();
    }

    void CreateDirectory(string directory)
    {
        var missing = new Stack<string>();
        for (var d = directory; !Directory.Exists(d); d = Path.GetDirectoryName(d)!)
        {
            missing.Push(d);
        }

        while (missing.Count > 0)
        {
            var d = missing.Pop();
            Directory.CreateDirectory(d);
            _createdDirectories.Add(d);
        }
    }

    static async Task<bool> SameAsync(string a, string b, CancellationToken ct)
    {
        if (new FileInfo(a).Length != new FileInfo(b).Length)
        {
            return false;
        }

        await using var fa = File.OpenRead(a);
        await using var fb = File.OpenRead(b);
        var ha = await SHA256.HashDataAsync(fa, ct);
        var hb = await SHA256.HashDataAsync(fb, ct);
        return ha.AsSpan().SequenceEqual(hb);
    }
}
