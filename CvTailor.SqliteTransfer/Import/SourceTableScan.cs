using CvTailor.SqliteTransfer.Schema;
using CvTailor.SqliteTransfer.Values;
using Microsoft.Data.Sqlite;

namespace CvTailor.SqliteTransfer.Import;

/// <summary>
/// Reads one source table row by row: converts every value for its target column, skips (and records) rows holding a
/// vector the target cannot store and rows referencing skipped rows, and optionally builds the table's checksum.
/// The same scan feeds the import and <c>--verify-only</c>, so both skip exactly the same rows.
/// </summary>
public sealed class SourceTableScan(TablePlan plan, SkipRegistry skips, EmbeddingBackfill? backfill, bool digest)
{
    public TablePlan Plan { get; } = plan;

    /// <summary>Rows read from the source, skipped ones included.</summary>
    public long SourceRows { get; private set; }

    public long Skipped { get; private set; }

    public TableDigest? Digest { get; } = digest ? new TableDigest() : null;

    /// <summary>Largest integer primary key seen, skipped rows included (for the identity's restart value).</summary>
    public long MaxKey { get; private set; }

    /// <summary>
    /// Runs synchronously: Microsoft.Data.Sqlite has no real asynchronous I/O, so callers run this on a worker thread and
    /// overlap it with the PostgreSQL side.
    /// </summary>
    /// <param name="onRow">Receives each kept row's values (a fresh array per row).</param>
    public void Run(SqliteConnection source, Action<object?[]>? onRow, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            Scan(source, onRow, ct);
        }
        catch (SqliteException ex) when (SourceFileException.IsDamage(ex))
        {
            throw SourceFileException.Damaged(source, ex, Plan.Name);
        }
    }

    void Scan(SqliteConnection source, Action<object?[]>? onRow, CancellationToken ct)
    {
        var columns = Plan.Columns;
        using var reader = new SqliteRowReader(source, $"SELECT {Sql.ColumnList(columns.Select(c => c.Name))} FROM {Sql.Quote(Plan.Name)}");
        var image = Digest is null ? null : new RowImage();
        while (reader.Read())
        {
            if ((SourceRows & 1023) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            SourceRows++;
            image?.Reset();
            var values = new object?[columns.Count];
            string? skip = null;
            for (var i = 0; i < columns.Count; i++)
            {
                try
                {
                    values[i] = SourceValueReader.Read(reader, i, columns[i], image, out var reason);
                    skip ??= reason;
                }
                catch (ValueConversionException ex)
                {
                    throw new SourceDataException(Plan.Name, KeyOf(reader), columns[i].Name, ex.Message);
                }
            }

            var key = Plan.PrimaryKeyIndex >= 0 ? values[Plan.PrimaryKeyIndex] : null;
            if (key is long number && number > MaxKey)
            {
                MaxKey = number;
            }

            if (skip is null)
            {
                foreach (var reference in Plan.References)
                {
                    if (skips.IsSkipped(reference.ReferencedTable, values[reference.ColumnIndex]))
                    {
                        skip = $"references skipped {reference.ReferencedTable} row {SkipRegistry.KeyText(values[reference.ColumnIndex])}";
                        break;
                    }
                }
            }

            if (skip is not null)
            {
                Skipped++;
                skips.Add(Plan.Name, key, skip);
                backfill?.OnSkipped(Plan, values);
                continue;
            }

            // The row as PostgreSQL will hold it (the values COPY sends), hashed the way the target's query hashes it.
            Digest?.Add(SortKey.From(key), image!.Hash(), key);
            backfill?.OnRow(Plan, values);
            onRow?.Invoke(values);
        }
    }

    string KeyOf(SqliteRowReader reader)
    {
        if (Plan.PrimaryKeyIndex < 0 || reader.StorageClass(Plan.PrimaryKeyIndex) == SqliteRowReader.Null)
        {
            return $"row {SourceRows}";
        }

        return Convert.ToString(reader.GetValue(Plan.PrimaryKeyIndex), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
