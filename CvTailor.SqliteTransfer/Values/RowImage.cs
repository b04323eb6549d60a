using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using CvTailor.SqliteTransfer.Schema;

namespace CvTailor.SqliteTransfer.Values;

/// <summary>
/// A row as the bytes PostgreSQL's own functions give for it, so its hash can be computed on both sides: in
/// PostgreSQL by one query per table (<see cref="HashSql"/>: the send functions <c>int8send</c>, <c>uuid_send</c>,
/// <c>timestamptz_send</c>, <c>float8send</c>, <c>vector_send</c>, … and the text of numeric and jsonb values), and
/// here from the values the import sends, while the source streams. Each value of a nullable column is tagged (NULL
/// or not) and every variable-length one is length-prefixed, so distinct rows never share an image. The row hash is
/// SHA-256 (PostgreSQL has it built in); a table's checksum combines the row hashes order-independently
/// (<see cref="TableDigest"/>).
/// </summary>
public sealed class RowImage
{
    GrowableBytes _bytes = new(1024);

    public void Reset() => _bytes.Clear();

    /// <summary>SHA-256 of the row so far (32 bytes).</summary>
    public byte[] Hash() => SHA256.HashData(_bytes.Written);

    /// <summary>A NULL (of a nullable column: only those carry a NULL/not-NULL tag).</summary>
    public void AddNull() => _bytes.Reserve(1)[0] = 0;

    /// <summary>
    /// A JSON value whose jsonb text is already known (the source reader formats it once: that is also its check that
    /// jsonb can hold it). A <c>json</c> column keeps the text as written.
    /// </summary>
    public void AddJson(TargetColumn column, string json, string printed)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column.IsNullable)
        {
            _bytes.Reserve(1)[0] = 1;
        }

        AddText(column.TypeName == "json" ? json : printed);
    }

    /// <summary>Appends one value as produced by <see cref="SourceValueReader"/> for <paramref name="column"/>.</summary>
    public void Add(TargetColumn column, object? value)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (value is null)
        {
            AddNull();
            return;
        }

        if (column.IsNullable)
        {
            _bytes.Reserve(1)[0] = 1;
        }

        switch (column.Kind)
        {
            case ValueKind.SmallInteger:
            case ValueKind.RegularInteger:
            case ValueKind.BigInteger:
                BinaryPrimitives.WriteInt64BigEndian(_bytes.Reserve(8), (long)value);
                break;
            case ValueKind.Boolean:
                _bytes.Reserve(1)[0] = (bool)value ? (byte)1 : (byte)0;
                break;
            case ValueKind.Text:
                // char(n) pads with blanks and bpchar::text drops them again (no such column in the schema; kept exact anyway).
                AddText(column.TypeName == "bpchar" ? ((string)value).TrimEnd(' ') : (string)value);
                break;
            case ValueKind.Uuid:
                ((Guid)value).TryWriteBytes(_bytes.Reserve(16), bigEndian: true, out _);
                break;
            case ValueKind.TimestampTz:
                BinaryPrimitives.WriteInt64BigEndian(_bytes.Reserve(8), PostgresEpoch.Micros((DateTime)value));
                break;
            case ValueKind.Date:
                BinaryPrimitives.WriteInt32BigEndian(_bytes.Reserve(4), PostgresEpoch.Days((DateOnly)value));
                break;
            case ValueKind.Numeric:
                // numeric(p, s) prints s decimals; an unconstrained numeric keeps the scale the value was sent with.
                var number = (decimal)value;
                AddText(column.Precision is null ? (number == 0 ? Math.Abs(number) : number).ToString(CultureInfo.InvariantCulture)
                    : DjangoDecimal.Format(number == 0 ? 0m : number, column.Scale));
                break;
            case ValueKind.Float8:
                BinaryPrimitives.WriteDoubleBigEndian(_bytes.Reserve(8), (double)value);
                break;
            case ValueKind.Json:
                AddText(column.TypeName == "json" ? (string)value : JsonbText.Format((string)value));
                break;
            case ValueKind.Vector:
                var vector = (float[])value;
                BinaryPrimitives.WriteInt16BigEndian(_bytes.Reserve(2), checked((short)vector.Length));
                BinaryPrimitives.WriteInt16BigEndian(_bytes.Reserve(2), 0);
                var bytes = _bytes.Reserve(4 * vector.Length);
                for (var i = 0; i < vector.Length; i++)
                {
                    BinaryPrimitives.WriteSingleBigEndian(bytes[(4 * i)..], vector[i]);
                }

                break;
            case ValueKind.Inet:
                _bytes.WriteInet((IPAddress)value);
                break;
            default:
                throw new NotSupportedException(column.Kind.ToString());
        }
    }

    /// <summary>
    /// The SQL for the same row's SHA-256 (bytea) in PostgreSQL; <paramref name="expression"/> gives each column's value.
    /// The parts are concatenated as a balanced tree: <c>a || b || c …</c> copies the growing prefix at every step.
    /// </summary>
    public static string HashSql(IEnumerable<TargetColumn> columns, Func<TargetColumn, string> expression)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(expression);
        var parts = columns.Select(c => c.IsNullable
            ? $"coalesce('\\x01'::bytea || {ValueSql(c, $"({expression(c)})")}, '\\x00'::bytea)"
            : ValueSql(c, $"({expression(c)})")).ToList();
        return parts.Count == 0 ? "sha256(''::bytea)" : $"sha256({Balanced(parts, 0, parts.Count)})";
    }

    static string Balanced(List<string> parts, int start, int count) =>
        count == 1 ? parts[start] : $"({Balanced(parts, start, count / 2)} || {Balanced(parts, start + (count / 2), count - (count / 2))})";

    static string ValueSql(TargetColumn column, string value) => column.Kind switch
    {
        ValueKind.SmallInteger or ValueKind.RegularInteger or ValueKind.BigInteger => $"int8send({value}::int8)",
        ValueKind.Boolean => $"boolsend({value})",
        // textsend: the text's bytes as stored, UTF-8 in the schema's databases (in another encoding verification
        // fails rather than passes).
        ValueKind.Text or ValueKind.Numeric or ValueKind.Json => $"(int4send(octet_length({value}::text)) || textsend({value}::text))",
        ValueKind.Uuid => $"uuid_send({value})",
        ValueKind.TimestampTz => $"timestamptz_send({value})",
        ValueKind.Date => $"date_send({value})",
        ValueKind.Float8 => $"float8send({value})",
        ValueKind.Vector => $"vector_send({value})",
        ValueKind.Inet => $"inet_send({value})",
        _ => throw new NotSupportedException(column.Kind.ToString()),
    };

    void AddText(string value) => _bytes.WriteLengthPrefixedUtf8(value);
}
