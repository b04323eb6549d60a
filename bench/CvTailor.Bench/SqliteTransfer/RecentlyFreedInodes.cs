using System.Globalization;

namespace CvTailor.Bench.SqliteTransfer;

/// <summary>
/// Keeps one invocation of the import bench from timing the previous invocation's clean-up.
/// </summary>
/// <remarks>
/// ext4 without a journal (the file system these figures come from; a journaled ext4 never does this) skips, on every
/// inode it allocates, each free inode of the block group that was freed less than 60 s ago, or less than 360 s ago
/// while its inode table block is dirty (not yet written back), scanning the group from its start on each allocation
/// (<c>find_inode_bit</c>/<c>recently_deleted</c>). The bench's clean-up frees ~40,000 inodes (the media directory,
/// three storage roots, the cluster's databases) in the groups where the next invocation creates its files. Started
/// right after it, the import's media copy spent 85 % of its thread in that scan (perf): 2.6–5.9 s instead of
/// 0.6–1.9 s, taking CPU from the load beside it (single runs of the whole command up to 0.72 instead of 0.38–0.49 ×
/// pgloader).
/// Outside the bench: 7,060 files created right after deleting 28,000 beside them took 1.5 s of kernel time; written
/// back (sync) and 65 s later, 0.3 s, three times in a row. So the bench records when it cleaned up, the next
/// invocation waits until that is 65 s old, and every timed run (pgloader's as well as ours) starts after a sync, so
/// no inode table block is left dirty by what ran before it, nor its data written back during it. That does not cover
/// everything: a file created in a block of freed inodes dirties the block again, and its other freed inodes count as
/// recent for up to 360 s after their deletion, so the first full run of an invocation started within 6 minutes of the
/// previous one's clean-up can still pay part of the scan; the bench says so. An operator's import does not run within
/// minutes of deleting tens of thousands of files beside its storage root.
/// </remarks>
internal static class RecentlyFreedInodes
{
    /// <summary>The kernel's window for a written-back inode (<c>RECENTCY_MIN</c>, 60 s) and a margin.</summary>
    static readonly TimeSpan Window = TimeSpan.FromSeconds(65);

    /// <summary>The window of an inode whose table block is dirty (<c>RECENTCY_MIN</c> + <c>RECENTCY_DIRTY</c>).</summary>
    public static readonly TimeSpan DirtyWindow = TimeSpan.FromSeconds(360);

    static string Marker => Path.Combine(Path.GetTempPath(), "cvtailor-import-bench.cleaned-up");

    /// <summary>Call after deleting the bench's files: records the time (the deleted inodes are written back first).</summary>
    public static async Task CleanedUpAsync(CancellationToken ct)
    {
        // Written back, the freed inodes leave the window a minute after their deletion instead of up to six.
        await Task.Run(Sync, ct);
        await File.WriteAllTextAsync(Marker, DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture), ct);
    }

    /// <summary>
    /// Waits until a previous invocation's clean-up is out of the 60 s window; returns how long it waited and how long
    /// ago that clean-up was (null: none recorded).
    /// </summary>
    public static async Task<(TimeSpan Waited, TimeSpan? Since)> WaitAsync(CancellationToken ct)
    {
        if (!File.Exists(Marker)
            || !DateTime.TryParse(await File.ReadAllTextAsync(Marker, ct), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var cleaned))
        {
            return (TimeSpan.Zero, null);
        }

        var wait = cleaned + Window - DateTime.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, ct);
        }

        return (wait > TimeSpan.Zero ? wait : TimeSpan.Zero, DateTime.UtcNow - cleaned);
    }

    /// <summary>Before a timed run: writes back what ran before it (inode table blocks included).</summary>
    public static Task SettleAsync(CancellationToken ct) => Task.Run(Sync, ct);

    static void Sync()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            using var sync = System.Diagnostics.Process.Start("sync");
            sync?.WaitForExit();
        }
    }
}
