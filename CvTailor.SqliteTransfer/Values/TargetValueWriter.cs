using System.Net;
using CvTailor.SqliteTransfer.Schema;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace CvTailor.SqliteTransfer.Values;

/// <summary>Writes a value produced by <see cref="SourceValueReader"/> into a binary COPY, with the column's exact type.</summary>
public static class TargetValueWriter
{
    public static Task WriteAsync(NpgsqlBinaryImporter importer, TargetColumn column, object? value, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(column);
        if (value is null)
        {
            return importer.WriteNullAsync(ct);
        }

        return column.Kind switch
        {
            ValueKind.SmallInteger => importer.WriteAsync((short)(long)value, NpgsqlDbType.Smallint, ct),
            ValueKind.RegularInteger => importer.WriteAsync((int)(long)value, NpgsqlDbType.Integer, ct),
            ValueKind.BigInteger => importer.WriteAsync((long)value, NpgsqlDbType.Bigint, ct),
            ValueKind.Boolean => importer.WriteAsync((bool)value, NpgsqlDbType.Boolean, ct),
            ValueKind.Text => importer.WriteAsync((string)value, column.TypeName == "text" ? NpgsqlDbType.Text : NpgsqlDbType.Varchar, ct),
            ValueKind.Uuid => importer.WriteAsync((Guid)value, NpgsqlDbType.Uuid, ct),
            // A binary COPY field is its type's receive form: timestamptz and date are int64 microseconds and int32 days
            // from 2000-01-01, written as such so that no date turns into ±infinity on the way (PostgresEpoch).
            ValueKind.TimestampTz => importer.WriteAsync(PostgresEpoch.Micros((DateTime)value), NpgsqlDbType.Bigint, ct),
            ValueKind.Date => importer.WriteAsync(PostgresEpoch.Days((DateOnly)value), NpgsqlDbType.Integer, ct),
            ValueKind.Numeric => importer.WriteAsync((decimal)value, NpgsqlDbType.Numeric, ct),
            ValueKind.Float8 => importer.WriteAsync((double)value, NpgsqlDbType.Double, ct),
            ValueKind.Json => importer.WriteAsync((string)value, NpgsqlDbType.Jsonb, ct),
            ValueKind.Vector => importer.WriteAsync(new Vector((float[])value), "vector", ct),
            ValueKind.Inet => importer.WriteAsync((IPAddress)value, NpgsqlDbType.Inet, ct),
            _ => throw new NotSupportedException(column.Kind.ToString()),
        };
    }
}
