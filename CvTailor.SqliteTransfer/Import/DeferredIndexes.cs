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
    readonly List<(string Table, string Name, string Definition, string? Method)> _indexes = [];
    readonly Dictionary<string, TablePlan> _plans = new(StringComparer.Ordinal);
    readonly HashSet<string> _loaded = new(StringComparer.Ordinal);
    readonly HashSet<string> _restored = new(StringComparer.Ordinal);
    bool _memorySet;

    /// <summary>Tables with fewer source rows keep their indexes and foreign keys during the load.</summary>
    public const long MinRows = 1000;

    /// <summary>Nothing dropped (the import was refused before).</summary>
    public static DeferredIndexes None => new();

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
        foreach (var plan in plans)
        {
            deferred._plans[plan.Name] = plan;
        }

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
            SELECT c.relname, ic.relname, pg_get_indexdef(i.indexrelid), am.amname,
                   ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey))
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
                var table = reader.GetString(0);
                var columns = reader.GetFieldValue<string[]>(4);
                // Which vector index may be built in parallel: one over columns the import fills (an index over a column
                // the source lacks, all NULL, is built in a millisecond alone and in 30 ms with a worker to start).
                var filled = deferred._plans.TryGetValue(table, out var owner) && columns.Length > 0
                    && columns.All(c => owner.Columns.Any(k => k.Name == c));
                deferred._indexes.Add((table, reader.GetString(1), reader.GetString(2), reader.GetString(3) != "btree" && filled ? reader.GetString(3) : null));
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
        foreach (var (table, name, definition, parallelMethod) in _indexes)
        {
            if ((all || _loaded.Contains(table)) && _restored.Add("index " + name))
            {
                if (parallelMethod is not null && _plans.TryGetValue(table, out var plan))
                {
                    statements.AddRange(ParallelBuild(plan, definition));
                }
                else
                {
                    statements.Add(definition);
                }
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
            statements.Insert(0, $"SET LOCAL maintenance_work_mem = '{MaintenanceMemory}'");
            _memorySet = true;
        }

        return statements;
    }

    /// <summary>
    /// A vector (HNSW) index over loaded rows, built by PostgreSQL's backend with one parallel worker: the build is the
    /// longest single statement of the load (≈ 0.37 s for 700 chunks of 1536 dimensions on the bench machine, ≈ 0.23 s
    /// with the worker), and it runs when the reader threads have little left to do. PostgreSQL plans no worker for a
    /// table this small (its vectors are TOASTed, the heap is a few pages), so the table-size threshold is lifted for this
    /// statement. pgvector's parallel build allocates the whole <c>maintenance_work_mem</c> as shared memory up front, so
    /// it is sized to the graph (the vectors, twice over, at least 64 MB: a parallel build needs 32 MB per process) instead
    /// of the 512 MB the btree builds get (which made a parallel build slower than a serial one).
    /// </summary>
    static IEnumerable<string> ParallelBuild(TablePlan plan, string definition)
    {
        var dimensions = plan.Columns.Max(c => c.Dimensions ?? 0);
        var graphMb = plan.SourceRows * ((4L * dimensions) + 1024) * 2 / (1024 * 1024);
        var memoryMb = Math.Clamp(graphMb, 64, 2048);
        return
        [
            $"SET LOCAL maintenance_work_mem = '{memoryMb}MB'",
            "SET LOCAL max_parallel_maintenance_workers = 1",
            "SET LOCAL min_parallel_table_scan_size = 0",
            definition,
            "SET LOCAL min_parallel_table_scan_size TO DEFAULT",
            "SET LOCAL max_parallel_maintenance_workers TO DEFAULT",
            $"SET LOCAL maintenance_work_mem = '{MaintenanceMemory}'",
        ];
    }

    /// <summary>Index builds (HNSW in particular) are fastest when the whole build fits in memory.</summary>
    const string MaintenanceMemory = "512MB";

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
