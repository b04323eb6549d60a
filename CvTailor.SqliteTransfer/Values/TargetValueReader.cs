using System.Net;
using CvTailor.SqliteTransfer.Schema;
using Npgsql;
using Pgvector;

namespace CvTailor.SqliteTransfer.Values;

/// <summary>
/// Reads a PostgreSQL value as the CLR value <see cref="SourceValueReader"/> would have produced for it (the export
/// writes it back in the original's SQLite form).
/// </summary>
public static class TargetValueReader
{
    public static object? Read(NpgsqlDataReader reader, int ordinal, TargetColumn column)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(column);
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        return column.Kind switch
        {
            ValueKind.SmallInteger => (long)reader.GetInt16(ordinal),
            ValueKind.RegularInteger => (long)reader.GetInt32(ordinal),
            ValueKind.BigInteger => reader.GetInt64(ordinal),
            ValueKind.Boolean => reader.GetBoolean(ordinal),
            ValueKind.Text or ValueKind.Json => reader.GetString(ordinal),
            ValueKind.Uuid => reader.GetGuid(ordinal),
            ValueKind.TimestampTz => reader.GetFieldValue<DateTime>(ordinal),
            ValueKind.Date => reader.GetFieldValue<DateOnly>(ordinal),
            ValueKind.Numeric => reader.GetDecimal(ordinal),
            ValueKind.Float8 => reader.GetDouble(ordinal),
            ValueKind.Vector => reader.GetFieldValue<Vector>(ordinal).Memory.ToArray(),
            ValueKind.Inet => reader.GetFieldValue<IPAddress>(ordinal),
            _ => throw new NotSupportedException(column.Kind.ToString()),
        };
    }
}
