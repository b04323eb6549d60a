using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CvTailor.SqliteTransfer.Values;

/// <summary>
/// The text PostgreSQL prints for a JSON document stored as <c>jsonb</c> (<c>jsonb_out</c>): object keys ordered by
/// length then bytes with the last duplicate kept, <c>", "</c> and <c>": "</c> between items, strings escaped as
/// <c>escape_json</c> does (only <c>"</c>, <c>\</c> and control characters; everything else literal), numbers as
/// <c>numeric_out</c> prints what <c>numeric_in</c> read (scale kept: <c>1.50</c> stays <c>1.50</c>, <c>1e+16</c> becomes
/// <c>10000000000000000</c>). Verification compares this, computed from the source's JSON text, with
/// <c>jsonb::text</c> in PostgreSQL. Also the import's check that the text is JSON jsonb can hold: anything else
/// (not JSON, NaN/Infinity, text after the value, U+0000, unpaired surrogates) throws
/// <see cref="ValueConversionException"/> before a COPY could fail on it. Streams with <see cref="Utf8JsonReader"/>.
/// </summary>
public static class JsonbText
{
    /// <summary>Refuses unpaired surrogates instead of writing U+FFFD (which would change the text).</summary>
    static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Format(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = s_strictUtf8.GetBytes(json, rented);
            var reader = new Utf8JsonReader(rented.AsSpan(0, length), new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read())
            {
                throw new ValueConversionException("empty text is not JSON");
            }

            var text = new StringBuilder(json.Length + 16);
            WriteValue(ref reader, text);
            if (reader.Read())
            {
                throw new ValueConversionException("text after the JSON value");
            }

            return text.ToString();
        }
        catch (JsonException ex)
        {
            throw new ValueConversionException($"not valid JSON for jsonb: {ex.Message}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or EncoderFallbackException)
        {
            throw new ValueConversionException($"JSON string is not valid Unicode: {ex.Message}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    static void WriteValue(ref Utf8JsonReader reader, StringBuilder text)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteObject(ref reader, text);
                break;
            case JsonTokenType.StartArray:
                text.Append('[');
                var first = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!first)
                    {
                        text.Append(", ");
                    }

                    WriteValue(ref reader, text);
                    first = false;
                }

                text.Append(']');
                break;
            case JsonTokenType.String:
                WriteString(Checked(reader.GetString()!), text);
                break;
            case JsonTokenType.Number:
                WriteNumber(Encoding.ASCII.GetString(reader.ValueSpan), text);
                break;
            case JsonTokenType.True:
                text.Append("true");
                break;
            case JsonTokenType.False:
                text.Append("false");
                break;
            default:
                text.Append("null");
                break;
        }
    }

    static void WriteObject(ref Utf8JsonReader reader, StringBuilder text)
    {
        var members = new List<(byte[] Key, string Text, int Order)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = Checked(reader.GetString()!);
            reader.Read();
            var member = new StringBuilder();
            WriteString(key, member);
            member.Append(": ");
            WriteValue(ref reader, member);
            members.Add((Encoding.UTF8.GetBytes(key), member.ToString(), members.Count));
        }

        // jsonb's key order: shorter keys first, then byte order; of equal keys the last one written is kept.
        members.Sort(static (a, b) =>
        {
            var c = a.Key.Length.CompareTo(b.Key.Length);
            if (c == 0)
            {
                c = a.Key.AsSpan().SequenceCompareTo(b.Key);
            }

            return c != 0 ? c : b.Order.CompareTo(a.Order);
        });
        text.Append('{');
        byte[]? previous = null;
        var first = true;
        foreach (var (key, member, _) in members)
        {
            if (previous is not null && previous.AsSpan().SequenceEqual(key))
            {
                continue;
            }

            if (!first)
            {
                text.Append(", ");
            }

            text.Append(member);
            previous = key;
            first = false;
        }

        text.Append('}');
    }

    static void WriteString(string value, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                default:
                    if (c < ' ')
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }

    /// <summary>
    /// numeric_in then numeric_out: the digits as written, the decimal point moved by the exponent, the display scale
    /// = digits after the point minus the exponent (at least 0); no leading zeros; zero is never negative.
    /// </summary>
    static void WriteNumber(string literal, StringBuilder text)
    {
        var i = 0;
        var negative = literal[0] == '-';
        if (negative)
        {
            i++;
        }

        var digits = new StringBuilder();
        var integerDigits = 0;
        var fractionDigits = 0;
        var point = false;
        for (; i < literal.Length && (char.IsAsciiDigit(literal[i]) || literal[i] == '.'); i++)
        {
            if (literal[i] == '.')
            {
                point = true;
                continue;
            }

            digits.Append(literal[i]);
            if (point)
            {
                fractionDigits++;
            }
            else
            {
                integerDigits++;
            }
        }

        var exponent = i < literal.Length ? int.Parse(literal.AsSpan(i + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var scale = Math.Max(0, fractionDigits - exponent);
        var pointAt = integerDigits + exponent; // digits before the decimal point
        var all = digits.ToString();
        var whole = pointAt <= 0 ? "" : pointAt >= all.Length ? all + new string('0', pointAt - all.Length) : all[..pointAt];
        var fraction = pointAt >= all.Length ? "" : pointAt < 0 ? new string('0', -pointAt) + all : all[pointAt..];
        whole = whole.TrimStart('0');
        fraction = fraction.Length >= scale ? fraction[..scale] : fraction + new string('0', scale - fraction.Length);
        if (negative && (whole.Length > 0 || fraction.Any(c => c != '0')))
        {
            text.Append('-');
        }

        text.Append(whole.Length == 0 ? "0" : whole);
        if (scale > 0)
        {
            text.Append('.').Append(fraction);
        }
    }

    static string Checked(string value) =>
        value.Contains('\0', StringComparison.Ordinal)
            ? throw new ValueConversionException("JSON text contains \\u0000, which jsonb cannot store")
            : value;
}
