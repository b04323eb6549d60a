using CvTailor.SqliteTransfer.Values;
using Npgsql;

namespace CvTailor.SqliteTransfer.Schema;

/// <summary>
/// Reads the target's tables, column types, keys and foreign keys from <c>pg_catalog</c>, so the importer follows
/// whatever the EF Core migrations created instead of a second copy of the schema.
/// </summary>
public static class TargetCatalog
{
    public static async Task<IReadOnlyDictionary<string, TargetTable>> ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var columns = new Dictionary<string, List<TargetColumn>>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            """
            SELECT c.relname, a.attname, t.typname, a.atttypmod, a.attnotnull, a.atthasdef, a.attidentity <> ''
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_type t ON t.oid = a.atttypid
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.relname, a.attnum
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var table = reader.GetString(0);
                var typeName = reader.GetString(2);
                var typmod = reader.GetInt32(3);
                if (!columns.TryGetValue(table, out var list))
                {
                    columns[table] = list = [];
                }

                list.Add(CreateColumn(reader.GetString(1), typeName, typmod, !reader.GetBoolean(4), reader.GetBoolean(5), reader.GetBoolean(6)));
            }
        }

        var primaryKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        var foreignKeys = new Dictionary<string, List<ForeignKey>>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            """
            SELECT k.conname, k.contype, c.relname, a.attname, fc.relname, fa.attname
            FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
            LEFT JOIN pg_class fc ON fc.oid = k.confrelid
            LEFT JOIN pg_attribute fa ON fa.attrelid = k.confrelid AND fa.attnum = k.confkey[1]
            WHERE k.connamespace = current_schema()::regnamespace AND k.contype IN ('p', 'f') AND cardinality(k.conkey) = 1
            ORDER BY k.conname
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var table = reader.GetString(2);
                if (reader.GetChar(1) == 'p')
                {
                    primaryKeys[table] = reader.GetString(3);
                    continue;
                }

                if (!foreignKeys.TryGetValue(table, out var list))
                {
                    foreignKeys[table] = list = [];
                }

                list.Add(new ForeignKey(reader.GetString(0), table, reader.GetString(3), reader.GetString(4), reader.GetString(5)));
            }
        }

        return columns.ToDictionary(
            kv => kv.Key,
            kv => new TargetTable(kv.Key, kv.Value, primaryKeys.GetValueOrDefault(kv.Key), foreignKeys.GetValueOrDefault(kv.Key) ?? []),
            StringComparer.Ordinal);
    }

    static TargetColumn CreateColumn(string name, string typeName, int typmod, bool nullable, bool hasDefault, bool identity)
    {
        int? maxLength = null, precision = null, dimensions = null;
        var scale = 0;
        var kind = typeName switch
        {
            "int2" => ValueKind.SmallInteger,
            "int4" => ValueKind.RegularInteger,
            "int8" => ValueKind.BigInteger,
            "bool" => ValueKind.Boolean,
            "varchar" or "bpchar" or "text" or "citext" => ValueKind.Text,
            "uuid" => ValueKind.Uuid,
            "timestamptz" => ValueKind.TimestampTz,
            "date" => ValueKind.Date,
            "numeric" => ValueKind.Numeric,
            "float8" => ValueKind.Float8,
            "jsonb" or "json" => ValueKind.Json,
            "vector" => ValueKind.Vector,
            "inet" => ValueKind.Inet,
            _ => throw new NotSupportedException($"Column {name} has type {typeName}, which the importer does not handle."),
        };
        if (kind == ValueKind.Text && typmod > 4)
        {
            maxLength = typmod - 4;
        }
        else if (kind == ValueKind.Numeric && typmod > 4)
        {
            precision = ((typmod - 4) >> 16) & 0xffff;
            scale = (typmod - 4) & 0xffff;
        }
        else if (kind == ValueKind.Vector && typmod > 0)
        {
            dimensions = typmod;
        }

        return new TargetColumn(name, kind, typeName, maxLength, precision, scale, dimensions, nullable, hasDefault, identity);
    }
}
