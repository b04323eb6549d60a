using System.Net;
using CvTailor.SqliteTransfer.Schema;
using CvTailor.SqliteTransfer.Values;

namespace CvTailor.SqliteTransfer.Export;

/// <summary>
/// A PostgreSQL value in the form Django wrote to SQLite (§1.2): 0/1 booleans, 32-hex UUIDs, naive UTC datetime text,
/// decimals as fixed-point text (SQLite's NUMERIC affinity then stores REAL, or INTEGER when integral, as Django's
/// did), Python-style JSON text, vectors as <c>[f1,…]</c> text.
/// </summary>
public static class SqliteValue
{
    public static object From(TargetColumn column, object? value)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (value is null)
        {
            return DBNull.Value;
        }

        return column.Kind switch
        {
            ValueKind.SmallInteger or ValueKind.RegularInteger or ValueKind.BigInteger => (long)value,
            ValueKind.Boolean => (bool)value ? 1L : 0L,
            ValueKind.Text => (string)value,
            ValueKind.Uuid => ((Guid)value).ToString("N"),
            ValueKind.TimestampTz => DjangoDateTime.Format((DateTime)value),
            ValueKind.Date => DjangoDateTime.Format((DateOnly)value),
            ValueKind.Numeric => DjangoDecimal.Format((decimal)value, column.Scale),
            ValueKind.Float8 => (double)value,
            ValueKind.Json => PythonJson.FromJson((string)value),
            ValueKind.Vector => VectorText.Format((float[])value),
            ValueKind.Inet => ((IPAddress)value).ToString(),
            _ => throw new NotSupportedException(column.Kind.ToString()),
        };
    }
}
