using System.Globalization;
using System.Net;
using CvTailor.SqliteTransfer.Schema;

namespace CvTailor.SqliteTransfer.Values;

/// <summary>
/// Turns a value as the original stored it in SQLite (§1.2) into the value for its PostgreSQL column, exactly:
/// INTEGER 0/1 → boolean, 32-hex → uuid, naive UTC text → timestamptz, REAL/INTEGER → numeric at the column's scale,
/// JSON text → jsonb (validated), vector text → float32[] of the column's dimension. Optionally appends the value to the row's
/// <see cref="RowImage"/> for the checksum. Anything that would change on the way throws <see cref="ValueConversionException"/>;
/// a vector of another length (or with NaN/∞) is not an error but a reason to skip the row.
/// </summary>
public static class SourceValueReader
{
    /// <returns>long for every integer kind, bool, string, Guid, DateTime (UTC), DateOnly, decimal, double, string (JSON), float[], IPAddress.</returns>
    public static object? Read(SqliteRowReader reader, int ordinal, TargetColumn column, RowImage? image, out string? skip)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(column);
        skip = null;
        // The storage class is asked once per value; every branch below reads the value in the form it is stored in.
        var storageClass = reader.StorageClass(ordinal);
        if (storageClass == SqliteRowReader.Null)
        {
            if (!column.IsNullable)
            {
                throw new ValueConversionException("NULL in a NOT NULL column");
            }

            image?.AddNull();
            return null;
        }

        var storage = SqliteRowReader.ClrType(storageClass);
        switch (column.Kind)
        {
            case ValueKind.SmallInteger:
            case ValueKind.RegularInteger:
            case ValueKind.BigInteger:
            {
                var value = ReadInteger(reader, ordinal, storage);
                var (min, max) = column.Kind switch
                {
                    ValueKind.SmallInteger => ((long)short.MinValue, (long)short.MaxValue),
                    ValueKind.RegularInteger => (int.MinValue, int.MaxValue),
                    _ => (long.MinValue, long.MaxValue),
                };
                if (value < min || value > max)
                {
                    throw new ValueConversionException($"{value} does not fit {column.TypeName}");
                }

                image?.Add(column, value);
                return value;
            }

            case ValueKind.Boolean:
            {
                var value = ReadInteger(reader, ordinal, storage) switch
                {
                    0 => false,
                    1 => true,
                    var other => throw new ValueConversionException($"{other} is not a boolean (0 or 1)"),
                };
                image?.Add(column, value);
                return value;
            }

            case ValueKind.Text:
            {
                var value = storage == typeof(string) ? reader.GetString(ordinal)
                    : storage == typeof(long) ? reader.GetInt64(ordinal).ToString(CultureInfo.InvariantCulture)
                    : throw Storage(storage, "text");
                if (value.Contains('\0', StringComparison.Ordinal))
                {
                    throw new ValueConversionException("text contains U+0000, which PostgreSQL cannot store");
                }

                if (column.MaxLength is { } max && value.Length > max && CodePoints(value) > max)
                {
                    throw new ValueConversionException($"{CodePoints(value)} characters do not fit {column.TypeName}({max})");
                }

                image?.Add(column, value);
                return value;
            }

            case ValueKind.Uuid:
            {
                var text = storage == typeof(string) ? Chars(reader, ordinal, stackalloc char[ShortText]) : throw Storage(storage, "uuid");
                if (!(text.Length == 32 ? Guid.TryParseExact(text, "N", out var value) : Guid.TryParseExact(text, "D", out value)))
                {
                    throw new ValueConversionException($"'{text}' is not a UUID (32 hex digits)");
                }

                image?.Add(column, value);
                return value;
            }

            case ValueKind.TimestampTz:
            {
                var micros = storage == typeof(string) ? DjangoDateTime.ParseMicros(Chars(reader, ordinal, stackalloc char[ShortText])) : throw Storage(storage, "datetime");
                var value = DjangoDateTime.ToUtcDateTime(micros);
                image?.Add(column, value);
                return value;
            }

            case ValueKind.Date:
            {
                var text = storage == typeof(string) ? reader.GetString(ordinal) : throw Storage(storage, "date");
                var value = DjangoDateTime.ParseDate(text);
                image?.Add(column, value);
                return value;
            }

            case ValueKind.Numeric:
            {
                var value = storage == typeof(long) ? DjangoDecimal.Quantize(reader.GetInt64(ordinal), column.Scale)
                    : storage == typeof(double) ? DjangoDecimal.FromReal(reader.GetDouble(ordinal), column.Scale)
                    : storage == typeof(string) ? DjangoDecimal.FromText(reader.GetString(ordinal), column.Scale)
                    : throw Storage(storage, "decimal");
                DjangoDecimal.CheckPrecision(value, column.Precision, column.Scale);
                image?.Add(column, value);
                return value;
            }

            case ValueKind.Float8:
            {
                var value = storage == typeof(double) ? reader.GetDouble(ordinal)
                    : storage == typeof(long) ? reader.GetInt64(ordinal)
                    : storage == typeof(string) && double.TryParse(reader.GetString(ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
                    : throw Storage(storage, "real");
                image?.Add(column, value);
                return value;
            }

            case ValueKind.Json:
            {
                var text = storage == typeof(string) ? reader.GetString(ordinal) : throw Storage(storage, "JSON");
                // Formatting it as jsonb prints it is also the check that jsonb can hold it (PostgreSQL would reject the
                // whole COPY later); the text sent is the source's own, so PostgreSQL's parse is checked against this one.
                var printed = JsonbText.Format(text);
                image?.AddJson(column, text, printed);
                return text;
            }

            case ValueKind.Vector:
            {
                // The text's UTF-8 bytes as SQLite holds them (sqlite3_column_blob of a TEXT value), parsed as such.
                var value = storage == typeof(string) ? VectorText.ParseUtf8(reader.GetUtf8(ordinal)) : throw Storage(storage, "vector");
                if (column.Dimensions is { } dimensions && value.Length != dimensions)
                {
                    skip = $"{column.Name} has {value.Length} dimensions; the column holds {dimensions} (never truncated)";
                }
                else if (!AllFinite(value))
                {
                    skip = $"{column.Name} holds NaN or infinity, which pgvector rejects";
                }

                image?.Add(column, value);
                return value;
            }

            case ValueKind.Inet:
            {
                var text = storage == typeof(string) ? reader.GetString(ordinal) : throw Storage(storage, "IP address");
                if (!IPAddress.TryParse(text, out var value) || (value.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && value.ScopeId != 0) || text.Contains('/', StringComparison.Ordinal))
                {
                    throw new ValueConversionException($"'{text}' is not an IP address");
                }

                image?.Add(column, value);
                return value;
            }

            default:
                throw new NotSupportedException(column.Kind.ToString());
        }
    }

    /// <summary>Longest text decoded on the stack (UUIDs, date-times); a longer one is decoded to a string.</summary>
    const int ShortText = 64;

    /// <summary>A TEXT value as characters: in <paramref name="buffer"/> when it fits (no string for a value parsed at once).</summary>
    static ReadOnlySpan<char> Chars(SqliteRowReader reader, int ordinal, Span<char> buffer)
    {
        var utf8 = reader.GetUtf8(ordinal);
        return utf8.Length <= buffer.Length ? buffer[..System.Text.Encoding.UTF8.GetChars(utf8, buffer)] : reader.GetString(ordinal);
    }

    static long ReadInteger(SqliteRowReader reader, int ordinal, Type storage)
    {
        if (storage == typeof(long))
        {
            return reader.GetInt64(ordinal);
        }

        if (storage == typeof(double))
        {
            var d = reader.GetDouble(ordinal);
            return d == Math.Floor(d) && Math.Abs(d) < 9.2e18 ? (long)d
                : throw new ValueConversionException($"{d.ToString(CultureInfo.InvariantCulture)} is not an integer");
        }

        if (storage == typeof(string) && long.TryParse(reader.GetString(ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw Storage(storage, "integer");
    }

    static bool AllFinite(float[] values)
    {
        foreach (var value in values)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    static int CodePoints(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    static ValueConversionException Storage(Type storage, string expected) =>
        new($"a SQLite {(storage == typeof(byte[]) ? "BLOB" : storage == typeof(double) ? "REAL" : storage == typeof(long) ? "INTEGER" : "TEXT")} value where {expected} was expected");
}
