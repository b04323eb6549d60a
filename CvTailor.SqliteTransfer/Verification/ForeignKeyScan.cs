using CvTailor.SqliteTransfer.Schema;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CvTailor.SqliteTransfer.Verification;

/// <summary>Counts orphan rows (a foreign key value with no parent) for every foreign key between moved tables.</summary>
public static class ForeignKeyScan
{
    static string Query(string table, string column, string parent, string parentColumn) =>
        $"SELECT count(*) FROM {Sql.Quote(table)} c WHERE c.{Sql.Quote(column)} IS NOT NULL AND NOT EXISTS " +
        $"(SELECT 1 FROM {Sql.Quote(parent)} p WHERE p.{Sql.Quote(parentColumn)} = c.{Sql.Quote(column)})";

    public static IEnumerable<ForeignKey> Constraints(IReadOnlyList<TablePlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var names = plans.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return plans.SelectMany(p => p.Target.ForeignKeys)
            .Where(fk => names.Contains(fk.ReferencedTable) && plans.First(p => p.Name == fk.Table).Columns.Any(c => c.Name == fk.Column))
            .OrderBy(fk => fk.Table, StringComparer.Ordinal).ThenBy(fk => fk.Column, StringComparer.Ordinal);
    }

    public static async Task<Dictionary<string, long>> SourceAsync(SqliteConnection source, IReadOnlyList<TablePlan> plans, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        var orphans = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var fk in Constraints(plans))
        {
            await using var command = source.CreateCommand();
            command.CommandText = Query(fk.Table, fk.Column, fk.ReferencedTable, fk.ReferencedColumn);
            try
            {
                orphans[fk.Name] = (long)(await command.ExecuteScalarAsync(ct))!;
            }
            catch (SqliteException ex) when (Import.SourceFileException.IsDamage(ex))
            {
                throw Import.SourceFileException.Damaged(source, ex, fk.Table, fk.ReferencedTable);
            }
        }

        return orphans;
    }

    public static async Task<Dictionary<string, long>> TargetAsync(NpgsqlConnection target, IReadOnlyList<TablePlan> plans, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var orphans = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var fk in Constraints(plans))
        {
            await using var command = new NpgsqlCommand(Query(fk.Table, fk.Column, fk.ReferencedTable, fk.ReferencedColumn), target);
            orphans[fk.Name] = (long)(await command.ExecuteScalarAsync(ct))!;
        }

        return orphans;
    }
}
