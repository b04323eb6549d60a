using System.Buffers;
using System.Security.Cryptography;
using CvTailor.SqliteTransfer.Verification;
using Microsoft.Data.Sqlite;
using Microsoft.Win32.SafeHandles;

namespace CvTailor.SqliteTransfer.Import;

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
    readonly HashSet<string> _existingDirectories = new(StringComparer.Ordinal);
    Task<MediaCheck>? _copy;
    CancellationTokenSource? _cancel;

    // The copy's threads share the list of files: the next index, who is copying (the first thread counts one until
    // it has taken the last file), the files that differ, the first failure.
    int _nextFile = -1;
    readonly object _workersGate = new(); // Monitor.Wait: not a System.Threading.Lock
    int _workers = 1;
    bool _workersClosed;
    int _helping;
    int _helpers;
    readonly List<string> _different = [];
    Exception? _failure;

    MediaFiles(string source, string root, IReadOnlyList<string> files)
    {
        _source = source;
        _root = root;
        Files = files;
    }

    /// <summary>Relative paths with '/' separators, sorted.</summary>
    public IReadOnlyList<string> Files { get; }

    long? _bytes;

    public long Bytes => _bytes ??= Files.Sum(f => new FileInfo(Path.Combine(_source, f)).Length);

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

    /// <summary>
    /// Starts copying the files the storage root lacks on a thread of its own, so the copy overlaps the database load,
    /// and compares every copied file with its source right after writing it (kernel copy, then a byte comparison). The
    /// import awaits <see cref="CopiedAsync"/> before it commits; <see cref="Rollback"/> stops the copy first.
    /// </summary>
    public void StartCopy(IReadOnlyCollection<string> referenced, CancellationToken ct, ImportTimeline? timeline = null)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = _cancel.Token;
        _copy = Task.Factory.StartNew(() =>
        {
            var copying = timeline?.Now ?? default;
            var check = CopyAndCompare(referenced, token);
            timeline?.Add("media", $"copies and compares {Files.Count:N0} files" + (_helpers > 0 ? $" ({_helpers} more threads for the rest once the import waited for it)" : ""), copying);
            return check;
        }, token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>
    /// The outcome of <see cref="StartCopy"/>: every file of the media directory present and identical, or not. When the
    /// copy is not done yet, the import has nothing left to do but wait for it: the files left are shared with one more
    /// thread per other core from then on (during the load one thread is enough, and more would take the load's CPU).
    /// </summary>
    public Task<MediaCheck> CopiedAsync()
    {
        var copy = _copy ?? throw new InvalidOperationException("The copy was not started.");
        if (!copy.IsCompleted && Interlocked.Exchange(ref _helping, 1) == 0)
        {
            var token = _cancel!.Token;
            for (var n = 1; n < Environment.ProcessorCount; n++)
            {
                _ = Task.Factory.StartNew(() =>
                {
                    // Too late once the first thread has taken the last file and stopped waiting for helpers.
                    lock (_workersGate)
                    {
                        if (_workersClosed)
                        {
                            return;
                        }

                        _workers++;
                    }

                    Interlocked.Increment(ref _helpers);
                    try
                    {
                        CopyShare(token);
                    }
                    finally
                    {
                        lock (_workersGate)
                        {
                            if (--_workers == 0)
                            {
                                Monitor.PulseAll(_workersGate);
                            }
                        }
                    }
                }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
        }

        return copy;
    }

    MediaCheck CopyAndCompare(IReadOnlyCollection<string> referenced, CancellationToken ct)
    {
        CopyShare(ct);
        // The helpers that joined finish the file they hold; none can join after this.
        lock (_workersGate)
        {
            _workersClosed = true;
            _workers--;
            while (_workers > 0)
            {
                Monitor.Wait(_workersGate);
            }
        }

        if (_failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
        }

        List<string> different;
        lock (_different)
        {
            different = _different.Order(StringComparer.Ordinal).ToList();
        }

        return new MediaCheck(Files.Count, Bytes, [], different, Absent(referenced));
    }

    /// <summary>Copies files of <see cref="Files"/> until none is left (shared by the copying threads); records the first failure.</summary>
    void CopyShare(CancellationToken ct)
    {
        try
        {
            for (var i = Interlocked.Increment(ref _nextFile); i < Files.Count; i = Interlocked.Increment(ref _nextFile))
            {
                ct.ThrowIfCancellationRequested();
                if (!CopyOne(Files[i]))
                {
                    lock (_different)
                    {
                        _different.Add(Files[i]);
                    }
                }
            }
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _failure, ex, null);
            Interlocked.Exchange(ref _nextFile, Files.Count); // the other threads stop after their current file
        }
    }

    /// <returns>False when the file read back from the storage root differs from its source.</returns>
    bool CopyOne(string file)
    {
        var source = Path.Combine(_source, file);
        var target = Path.Combine(_root, file);
        if (File.Exists(target))
        {
            return true; // compared by ConflictsAsync: the same bytes
        }

        // Creating files dominates (the file system's metadata work), so each file costs as few system calls as
        // possible: the source opened once (length, time stamp and bytes through one handle), the temporary written,
        // stamped and read back through one handle, then a rename (so a killed run leaves whole files or
        // temporaries, never a partial file under the final name). Directories known to exist are not asked again.
        CreateDirectory(Path.GetDirectoryName(target)!);
        byte[] bytes;
        DateTime written;
        using (var input = File.OpenHandle(source))
        {
            bytes = new byte[RandomAccess.GetLength(input)];
            if (ReadFully(input, bytes) != bytes.Length)
            {
                throw new IOException($"Media file {source} changed while it was copied.");
            }

            written = File.GetLastWriteTimeUtc(input);
        }

        var temporary = target + ".importing";
        bool same;
        using (var handle = File.OpenHandle(temporary, FileMode.Create, FileAccess.ReadWrite))
        {
            RandomAccess.Write(handle, bytes, 0);
            File.SetLastWriteTimeUtc(handle, written);
            // Verified as written: the file's bytes read back from the storage root must be the source's.
            same = SameBytes(bytes, handle);
        }

        File.Move(temporary, target, overwrite: true);
        lock (_createdFiles)
        {
            _createdFiles.Add(target);
        }

        return same;
    }

    static bool SameBytes(byte[] expected, SafeFileHandle handle)
    {
        if (RandomAccess.GetLength(handle) != expected.Length)
        {
            return false;
        }

        var actual = ArrayPool<byte>.Shared.Rent(Math.Max(1, expected.Length));
        try
        {
            var read = ReadFully(handle, actual.AsSpan(0, expected.Length));
            return read == expected.Length && actual.AsSpan(0, read).SequenceEqual(expected);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(actual);
        }
    }

    static int ReadFully(SafeFileHandle handle, Span<byte> buffer)
    {
        var read = 0;
        int n;
        while (read < buffer.Length && (n = RandomAccess.Read(handle, buffer[read..], read)) > 0)
        {
            read += n;
        }

        return read;
    }

    static bool SameBytes(string a, string b)
    {
        using var fa = new FileStream(a, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var fb = new FileStream(b, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (fa.Length != fb.Length)
        {
            return false;
        }

        var ba = new byte[81920];
        var bb = new byte[81920];
        int read;
        while ((read = fa.ReadAtLeast(ba, ba.Length, throwOnEndOfStream: false)) > 0)
        {
            if (fb.ReadAtLeast(bb, read, throwOnEndOfStream: false) != read || !ba.AsSpan(0, read).SequenceEqual(bb.AsSpan(0, read)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Stops a running copy and removes what it created (the import did not commit).</summary>
    public void Rollback()
    {
        if (_copy is not null)
        {
            _cancel?.Cancel();
            try
            {
                _copy.GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or UnauthorizedAccessException)
            {
                // The copy's own failure is reported by the import (or it was cancelled here); what it created goes below.
            }
        }

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

    /// <summary>Compares every file of the media directory with the storage root (<c>--verify-only</c>).</summary>
    public Task<MediaCheck> VerifyAsync(IReadOnlyCollection<string> referenced, CancellationToken ct) => Task.Run(() =>
    {
        var missing = new List<string>();
        var different = new List<string>();
        foreach (var file in Files)
        {
            ct.ThrowIfCancellationRequested();
            var target = Path.Combine(_root, file);
            if (!File.Exists(target))
            {
                missing.Add(file);
            }
            else if (!SameBytes(Path.Combine(_source, file), target))
            {
                different.Add(file);
            }
        }

        return new MediaCheck(Files.Count, Bytes, missing, different, Absent(referenced));
    }, ct);

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
        lock (_existingDirectories)
        {
            CreateDirectoryLocked(directory);
        }
    }

    void CreateDirectoryLocked(string directory)
    {
        if (_existingDirectories.Contains(directory))
        {
            return;
        }

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

        _existingDirectories.Add(directory);
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
