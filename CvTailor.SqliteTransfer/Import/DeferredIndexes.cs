using CvTailor.SqliteTransfer.Schema;
using Npgsql;

namespace CvTailor.SqliteTransfer.Import;

/// <summary>
/// Inside the import's transaction: drops the foreign keys and secondary indexes of the big tables being loaded, and puts
/// them back, byte-identical (<c>pg_get_constraintdef</c>/<c>pg_get_indexdef</c>), each table's right after its COPY (while
/// the reader threads convert the next tables) — or, for a foreign key to a table loaded later, after the last COPY. Building an index
/// once and validating a foreign key with one join is much cheaper than maintaining them row by row (an HNSW index
/// especially). Primary keys and unique constraints stay. Being DDL in the same transaction, a failed import rolls it
/// back with everything else; re-adding validates every foreign key, so nothing is trusted blindly.
/// </summary>
public sealed class DeferredIndexes
{
    readonly List<(string Table, string Name, string Definition, string Referenced)> _foreignKeys = [];
    readonly List<(string Table, string Name, string Definition)> _indexes = [];
    readonly HashSet<string> _loaded = new(StringComparer.Ordinal);
    readonly HashSet<string> _restored = new(StringComparer.Ordinal);
    bool _memorySet;

    /// <summary>Tables with fewer source rows keep their indexes and foreign keys during the load.</summary>
    public const long MinRows = 1000;

    public int ForeignKeys => _foreignKeys.Count;

    public int Indexes => _indexes.Count;

    public static async Task<DeferredIndexes> DropAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<TablePlan> plans, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plans);
        // Only tables big enough to gain: on a small table, keeping the btree indexes (and the foreign keys' row checks)
        // costs less than the two DDL statements per index and constraint that dropping and rebuilding them takes. A
        // vector (HNSW) index is dropped on any table with rows: inserting into the graph row by row costs far more.
        var tables = plans.Where(p => p.SourceRows >= MinRows).Select(p => p.Name).ToArray();
        var withRows = plans.Where(p => p.SourceRows > 0).Select(p => p.Name).ToArray();
        var deferred = new DeferredIndexes();
        await using (var command = new NpgsqlCommand(
            """
            SELECT c.relname, k.conname, pg_get_constraintdef(k.oid), r.relname
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
            WHERE k.contype = 'f' AND c.relnamespace = current_schema()::regnamespace AND c.relname = ANY(@tables)
            ORDER BY c.relname, k.conname
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("tables", tables);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                deferred._foreignKeys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        await using (var command = new NpgsqlCommand(
            """
            SELECT c.relname, ic.relname, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_am am ON am.oid = ic.relam
            WHERE c.relnamespace = current_schema()::regnamespace
              AND (c.relname = ANY(@tables) OR (am.amname <> 'btree' AND c.relname = ANY(@withRows)))
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            ORDER BY ic.relname
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("tables", tables);
            command.Parameters.AddWithValue("withRows", withRows);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                deferred._indexes.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        // One round trip for all the DDL.
        await ExecuteAsync(connection, transaction,
            deferred._foreignKeys.Select(fk => $"ALTER TABLE {Sql.Quote(fk.Table)} DROP CONSTRAINT {Sql.Quote(fk.Name)}")
                .Concat(deferred._indexes.Select(ix => $"DROP INDEX {Sql.Quote(ix.Name)}")), ct);
        return deferred;
    }

    /// <summary>
    /// After <paramref name="table"/>'s COPY: rebuilds its indexes, and re-adds (validating every row) its foreign keys
    /// and those of tables loaded before it that refer to it, once both ends are loaded.
    /// </summary>
    /// <returns>The number of indexes and foreign keys restored.</returns>
    public async Task<int> RestoreLoadedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TablePlan table, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        _loaded.Add(table.Name);
        var restored = _restored.Count;
        await ExecuteAsync(connection, transaction, Pending(all: false), ct);
        return _restored.Count - restored;
    }

    /// <summary>After the last COPY: whatever is left (foreign keys to tables that were not loaded).</summary>
    public async Task RestoreAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct) =>
        await ExecuteAsync(connection, transaction, Pending(all: true), ct);

    /// <summary>The statements whose tables are loaded (or all), each returned once.</summary>
    List<string> Pending(bool all)
    {
        var statements = new List<string>();
        foreach (var (table, name, definition) in _indexes)
        {
            if ((all || _loaded.Contains(table)) && _restored.Add("index " + name))
            {
                statements.Add(definition);
            }
        }

        foreach (var (table, name, definition, referenced) in _foreignKeys)
        {
            if ((all || (_loaded.Contains(table) && _loaded.Contains(referenced))) && _restored.Add($"fk {table}.{name}"))
            {
                statements.Add($"ALTER TABLE {Sql.Quote(table)} ADD CONSTRAINT {Sql.Quote(name)} {definition}");
            }
        }

        if (statements.Count > 0 && !_memorySet)
        {
            // Index builds (HNSW in particular) are fastest when the whole build fits in memory; local to this transaction.
            statements.Insert(0, "SET LOCAL maintenance_work_mem = '512MB'");
            _memorySet = true;
        }

        return statements;
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<string> statements, CancellationToken ct)
    {
        var sql = string.Join(";\n", statements);
        if (sql.Length == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
