using CvTailor.Data.Export;
using CvTailor.Data.Generation;
using CvTailor.SqliteTransfer.Schema;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CvTailor.SqliteTransfer.Import;

/// <summary>
/// The built-in template rows (ids 1–4 of <c>generation_cvtemplate</c> and <c>export_exporttemplate</c>) that the
/// target's migrations seed, seen against one source file. The rule: a source row replaces the built-in of the same
/// id (deleted inside the import transaction, then copied like any row); built-ins whose id the source lacks stay.
/// Seeded ids never count as "the target already holds data", and the built-ins that stay are left out of the
/// verification (they are not the source's rows).
/// </summary>
public sealed class BuiltInRows
{
    /// <summary>The seeded ids per table.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<int>> Seeded = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal)
    {
        [CvTemplateConfiguration.Table] = [.. CvTemplateSeed.Rows().Select(t => t.Id)],
        [ExportTemplateConfiguration.Table] = ExportTemplateSeed.Ids,
    };

    /// <summary>Nothing replaced, nothing kept: for comparisons that must see every target row.</summary>
    public static readonly BuiltInRows None = new(new Dictionary<string, long[]>(StringComparer.Ordinal), new Dictionary<string, long[]>(StringComparer.Ordinal));

    readonly Dictionary<string, long[]> _replaced;
    readonly Dictionary<string, long[]> _kept;

    BuiltInRows(Dictionary<string, long[]> replaced, Dictionary<string, long[]> kept)
    {
        _replaced = replaced;
        _kept = kept;
    }

    /// <summary>Reads which seeded ids the source's tables hold.</summary>
    public static Task<BuiltInRows> ReadAsync(SqliteConnection source, IReadOnlyList<TablePlan> plans, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plans);
        return ReadAsync(source, plans.Select(p => p.Name), ct);
    }

    /// <summary>Reads which seeded ids the source's tables (of those named) hold.</summary>
    public static async Task<BuiltInRows> ReadAsync(SqliteConnection source, IEnumerable<string> tables, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(tables);
        var replaced = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var kept = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var table in tables.Where(Seeded.ContainsKey).ToList())
        {
            var seeded = Seeded[table].Select(id => (long)id).ToList();
            var present = new HashSet<long>();
            await using (var command = source.CreateCommand())
            {
                command.CommandText = $"SELECT id FROM {Sql.Quote(table)} WHERE id BETWEEN {seeded.Min()} AND {seeded.Max()}";
                try
                {
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        present.Add(reader.GetInt64(0));
                    }
                }
                catch (SqliteException ex) when (SourceFileException.IsDamage(ex))
                {
                    throw SourceFileException.Damaged(source, ex, table);
                }
            }

            replaced[table] = [.. seeded.Where(present.Contains)];
            kept[table] = [.. seeded.Where(id => !present.Contains(id))];
        }

        return new BuiltInRows(replaced, kept);
    }

    /// <summary>Built-in ids of <paramref name="table"/> that stay in the target (the source has no such row).</summary>
    public IReadOnlyList<long> Kept(string table) => _kept.GetValueOrDefault(table) ?? [];

    /// <summary>Deletes the built-ins the source replaces. Runs inside the import transaction, before the copy.</summary>
    public async Task DeleteReplacedAsync(NpgsqlConnection target, NpgsqlTransaction transaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var (table, ids) in _replaced.Where(r => r.Value.Length > 0))
        {
            await using var command = new NpgsqlCommand($"DELETE FROM {Sql.Quote(table)} WHERE id = ANY(@ids)", target, transaction);
            command.Parameters.AddWithValue("ids", ids);
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
