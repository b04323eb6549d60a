using System.Net;
using CvTailor.SqliteTransfer.Schema;
using Npgsql;
using Pgvector;

namespace CvTailor.SqliteTransfer.Values;

/// <summary>
/// Reads a PostgreSQL value as the CLR value <see cref="SourceValueReader"/> would have produced for it, and writes the
/// same canonical form, so a table's checksum is comparable across the two databases.
/// </summary>
public static class TargetValueReader
{
    public static object? Read(NpgsqlDataReader reader, int ordinal, TargetColumn column, CanonicalRow? canonical)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(column);
        if (reader.IsDBNull(ordinal))
        {
            canonical?.WriteNull();
            return null;
        }

        switch (column.Kind)
        {
            case ValueKind.SmallInteger:
            case ValueKind.RegularInteger:
            case ValueKind.BigInteger:
            {
                long value = column.Kind switch
                {
                    ValueKind.SmallInteger => reader.GetInt16(ordinal),
                    ValueKind.RegularInteger => reader.GetInt32(ordinal),
                    _ => reader.GetInt64(ordinal),
                };
                canonical?.WriteInt64(value);
                return value;
            }

            case ValueKind.Boolean:
            {
                var value = reader.GetBoolean(ordinal);
                canonical?.WriteBoolean(value);
                return value;
            }

            case ValueKind.Text:
            {
                var value = reader.GetString(ordinal);
                canonical?.WriteText(value);
                return value;
            }

            case ValueKind.Uuid:
            {
                var value = reader.GetGuid(ordinal);
                canonical?.WriteUuid(value);
                return value;
            }

            case ValueKind.TimestampTz:
            {
                var value = reader.GetFieldValue<DateTime>(ordinal);
                canonical?.WriteTimestamp(DjangoDateTime.ToMicros(value));
                return value;
            }

            case ValueKind.Date:
            {
                var value = reader.GetFieldValue<DateOnly>(ordinal);
                canonical?.WriteDate(value);
                return value;
            }

            case ValueKind.Numeric:
            {
                var value = reader.GetDecimal(ordinal);
                canonical?.WriteDecimal(value, column.Scale);
                return value;
            }

            case ValueKind.Float8:
            {
                var value = reader.GetDouble(ordinal);
                canonical?.WriteDouble(value);
                return value;
            }

            case ValueKind.Json:
            {
                var value = reader.GetString(ordinal);
                canonical?.WriteJson(value);
                return value;
            }

            case ValueKind.Vector:
            {
                var value = reader.GetFieldValue<Vector>(ordinal).Memory.ToArray();
                canonical?.WriteVector(value);
                return value;
            }

            case ValueKind.Inet:
            {
                var value = reader.GetFieldValue<IPAddress>(ordinal);
                canonical?.WriteInet(value);
                return value;
            }

            default:
                throw new NotSupportedException(column.Kind.ToString());
        }
    }
}
