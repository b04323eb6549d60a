using System.Buffers;
using System.Text;
using System.Text.Json;

namespace CvTailor.SqliteTransfer.Values;

/// <summary>
/// Writes the content of a JSON document in a canonical form for checksums: object members sorted by key (a later
/// duplicate key wins, as in jsonb), strings unescaped, numbers by value (<see cref="JsonNumber"/>). Two texts with the
/// same parsed content — Python's <c>"Caf\u00e9"</c> and jsonb's <c>"Café"</c>, any key order or spacing — give the
/// same bytes. Also rejects what jsonb cannot store (NaN/Infinity, U+0000, lone surrogates), so the import fails
/// before writing. Streams with <see cref="Utf8JsonReader"/>: no document tree is built.
/// </summary>
public static class CanonicalJson
{
    public static void Write(string json, CanonicalRow row)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(row);
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, rented);
            var reader = new Utf8JsonReader(rented.AsSpan(0, length), new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read())
            {
                throw new ValueConversionException("empty text is not JSON");
            }

            WriteValue(ref reader, row);
            if (reader.Read())
            {
                throw new ValueConversionException("text after the JSON value");
            }
        }
        catch (JsonException ex)
        {
            throw new ValueConversionException($"not valid JSON for jsonb: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            throw new ValueConversionException($"JSON string is not valid Unicode: {ex.Message}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    static void WriteValue(ref Utf8JsonReader reader, CanonicalRow row)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteObject(ref reader, row);
                break;
            case JsonTokenType.StartArray:
                row.WriteTag('[');
                var countAt = row.ReserveInt32();
                var count = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    WriteValue(ref reader, row);
                    count++;
                }

                row.PatchInt32(countAt, count);
                break;
            case JsonTokenType.String:
                row.WriteTag('"');
                row.WriteString(Checked(reader.GetString()!));
                break;
            case JsonTokenType.Number:
                row.WriteTag('#');
                row.WriteString(JsonNumber.Normalize(reader.ValueSpan));
                break;
            case JsonTokenType.True:
                row.WriteTag('t');
                break;
            case JsonTokenType.False:
                row.WriteTag('f');
                break;
            default:
                row.WriteTag('n');
                break;
        }
    }

    /// <summary>Members are written in document order, then their byte ranges are put in key order if needed.</summary>
    static void WriteObject(ref Utf8JsonReader reader, CanonicalRow row)
    {
        row.WriteTag('{');
        var countAt = row.ReserveInt32();
        List<(string Key, int Start, int Length)>? members = null;
        string? previous = null;
        var sorted = true;
        var start = row.Length;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = Checked(reader.GetString()!);
            var memberStart = row.Length;
            row.WriteString(key);
            reader.Read();
            WriteValue(ref reader, row);
            (members ??= []).Add((key, memberStart, row.Length - memberStart));
            if (previous is not null && string.CompareOrdinal(previous, key) >= 0)
            {
                sorted = false;
            }

            previous = key;
        }

        if (members is null)
        {
            row.PatchInt32(countAt, 0);
            return;
        }

        if (sorted)
        {
            row.PatchInt32(countAt, members.Count);
            return;
        }

        // Stable by key, then the last duplicate wins (jsonb keeps the last value of a repeated key).
        var ordered = members.Select((m, i) => (m.Key, m.Start, m.Length, Index: i))
            .OrderBy(m => m.Key, StringComparer.Ordinal).ThenBy(m => m.Index).ToList();
        var kept = new List<(int Start, int Length)>();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (i + 1 < ordered.Count && ordered[i + 1].Key == ordered[i].Key)
            {
                continue;
            }

            kept.Add((ordered[i].Start, ordered[i].Length));
        }

        var copy = row.Slice(start, row.Length - start).ToArray();
        row.Truncate(start);
        foreach (var (memberStart, length) in kept)
        {
            row.WriteRaw(copy.AsSpan(memberStart - start, length));
        }

        row.PatchInt32(countAt, kept.Count);
    }

    static string Checked(string value) =>
        value.Contains('\0', StringComparison.Ordinal)
            ? throw new ValueConversionException("JSON text contains \\u0000, which jsonb cannot store")
            : value;
}
