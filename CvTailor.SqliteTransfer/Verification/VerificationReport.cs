namespace CvTailor.SqliteTransfer.Verification;

/// <summary>
/// Row counts and checksum of one table on both sides. Skipped rows are the reported vector rejects. When the table
/// differs, <see cref="Mismatches"/> names the first rows that do (by primary key, at most <see cref="MaxMismatches"/>).
/// </summary>
public sealed record TableCheck(string Table, long SourceRows, long Skipped, long TargetRows, string SourceChecksum, string TargetChecksum)
{
    public const int MaxMismatches = 10;

    public IReadOnlyList<string> Mismatches { get; init; } = [];

    public bool Ok => SourceRows - Skipped == TargetRows && SourceChecksum == TargetChecksum;
}

/// <summary>Rows whose foreign key value has no parent row, per constraint, on both sides.</summary>
public sealed record ForeignKeyCheck(string Constraint, string Table, string Column, string ReferencedTable, long SourceOrphans, long TargetOrphans)
{
    public bool Ok => SourceOrphans == 0 && TargetOrphans == 0;
}

/// <summary>
/// An identity's high-water mark: the source's <c>max(max(id), sqlite_sequence.seq)</c> and the last value the target's
/// sequence has handed out (or will start after). Deleted ids are never reused when target ≥ source.
/// </summary>
public sealed record SequenceCheck(string Table, long Source, long Target)
{
    public bool Ok => Target >= Source;
}

/// <summary>
/// Media files under the source directory and whether each is in the storage root with the same bytes. A dry run copies
/// nothing, so it compares nothing: <see cref="Compared"/> is false and only the conflict check and the counts are real.
/// </summary>
public sealed record MediaCheck(int Files, long Bytes, IReadOnlyList<string> Missing, IReadOnlyList<string> Different, IReadOnlyList<string> ReferencedButAbsent)
{
    public bool Compared { get; init; } = true;

    public bool Ok => Missing.Count == 0 && Different.Count == 0;
}

/// <summary>The verification after an import, by <c>--verify-only</c>, or after an export.</summary>
public sealed record VerificationReport(
    IReadOnlyList<TableCheck> Tables,
    IReadOnlyList<ForeignKeyCheck> ForeignKeys,
    IReadOnlyList<SequenceCheck> Sequences,
    MediaCheck? Media)
{
    public bool Ok => Tables.All(t => t.Ok) && ForeignKeys.All(f => f.Ok) && Sequences.All(s => s.Ok) && (Media?.Ok ?? true);

    public IEnumerable<string> Differences()
    {
        foreach (var t in Tables.Where(t => !t.Ok))
        {
            var rows = t.Mismatches.Count == 0 ? ""
                : $"; first differing rows by primary key: {string.Join(", ", t.Mismatches)}{(t.Mismatches.Count == TableCheck.MaxMismatches ? ", …" : "")}";
            yield return (t.SourceRows - t.Skipped != t.TargetRows
                ? $"{t.Table}: {t.SourceRows - t.Skipped} rows expected, target has {t.TargetRows}"
                : $"{t.Table}: checksum differs (source {t.SourceChecksum[..12]}…, target {t.TargetChecksum[..12]}…)") + rows;
        }

        foreach (var f in ForeignKeys.Where(f => !f.Ok))
        {
            yield return $"{f.Table}.{f.Column} → {f.ReferencedTable}: {f.SourceOrphans} orphan rows in the source, {f.TargetOrphans} in the target";
        }

        foreach (var s in Sequences.Where(s => !s.Ok))
        {
            yield return $"{s.Table}: identity at {s.Target}, below the source's high-water mark {s.Source} (ids would be reused)";
        }

        if (Media is { Ok: false } media)
        {
            foreach (var path in media.Missing)
            {
                yield return $"media file {path} is missing from the storage root";
            }

            foreach (var path in media.Different)
            {
                yield return $"media file {path} differs in the storage root";
            }
        }
    }
}
