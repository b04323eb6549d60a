using System.Numerics;
using System.Globalization;
using System.Text;

namespace CvTailor.SqliteTransfer.Values;

/// <summary>pgvector's text form <c>[f1,f2,…]</c>, which is how the original stored vectors in SQLite (§1.2).</summary>
public static class VectorText
{
    /// <summary>Parses every element as a float32, correctly rounded (as pgvector's <c>strtof</c> does).</summary>
    public static float[] Parse(ReadOnlySpan<char> text) => Parse<char>(text.Trim());

    /// <summary>
    /// The same from the UTF-8 bytes SQLite stores: no UTF-16 string of ~30 kB per 1536-d vector, which the import
    /// reads thousands of times.
    /// </summary>
    public static float[] ParseUtf8(ReadOnlySpan<byte> text) => Parse<byte>(text[System.Text.Ascii.Trim(text)]);

    static float[] Parse<T>(ReadOnlySpan<T> text)
        where T : unmanaged, IBinaryInteger<T>
    {
        var open = T.CreateTruncating('[');
        var close = T.CreateTruncating(']');
        var comma = T.CreateTruncating(',');
        if (text.Length < 2 || text[0] != open || text[^1] != close)
        {
            throw new ValueConversionException("a vector must look like [f1,f2,…]");
        }

        var body = text[1..^1];
        if (IsWhiteSpace(body))
        {
            return [];
        }

        var values = new float[body.Count(comma) + 1];
        for (var index = 0; index < values.Length; index++)
        {
            var end = body.IndexOf(comma);
            var element = Trim(end < 0 ? body : body[..end]);
            if (!TryParseFast(element, out values[index]) && !TryParseGeneral(element, out values[index]))
            {
                throw new ValueConversionException($"vector element {index + 1} ('{Text(element)}') is not a number");
            }

            body = end < 0 ? [] : body[(end + 1)..];
        }

        return values;
    }

    static bool IsWhiteSpace<T>(ReadOnlySpan<T> text)
        where T : unmanaged, IBinaryInteger<T>
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace((char)ushort.CreateTruncating(c)))
            {
                return false;
            }
        }

        return true;
    }

    static ReadOnlySpan<T> Trim<T>(ReadOnlySpan<T> text)
        where T : unmanaged, IBinaryInteger<T>
    {
        // Elements are nearly always bare numbers: only trim when there is something to trim.
        if (text.Length > 0 && IsNumberEdge(text[0]) && IsNumberEdge(text[^1]))
        {
            return text;
        }

        var start = 0;
        while (start < text.Length && char.IsWhiteSpace((char)ushort.CreateTruncating(text[start])))
        {
            start++;
        }

        var end = text.Length;
        while (end > start && char.IsWhiteSpace((char)ushort.CreateTruncating(text[end - 1])))
        {
            end--;
        }

        return text[start..end];
    }

    static bool IsNumberEdge<T>(T c)
        where T : unmanaged, IBinaryInteger<T>
    {
        var ch = (char)ushort.CreateTruncating(c);
        return char.IsAsciiDigit(ch) || ch is '-' or '+' or '.';
    }

    static bool TryParseGeneral<T>(ReadOnlySpan<T> element, out float value)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (typeof(T) == typeof(char))
        {
            var chars = System.Runtime.InteropServices.MemoryMarshal.Cast<T, char>(element);
            return float.TryParse(chars, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        var bytes = System.Runtime.InteropServices.MemoryMarshal.Cast<T, byte>(element);
        return float.TryParse(bytes, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    static string Text<T>(ReadOnlySpan<T> element)
        where T : unmanaged, IBinaryInteger<T> =>
        typeof(T) == typeof(char)
            ? new string(System.Runtime.InteropServices.MemoryMarshal.Cast<T, char>(element))
            : Encoding.UTF8.GetString(System.Runtime.InteropServices.MemoryMarshal.Cast<T, byte>(element));

    static readonly double[] s_powers = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// The common case, ~20× faster than the general parser: up to 19 significant digits and a small exponent give a
    /// double within a few ulps of the exact value; rounding that to float32 is exact unless the value lies right at a
    /// float32 rounding midpoint, which is detected and left to <see cref="float.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out float)"/>.
    /// </summary>
    static bool TryParseFast<T>(ReadOnlySpan<T> s, out float value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (i < s.Length && (C(s[i]) == '-' || C(s[i]) == '+'))
        {
            negative = C(s[i]) == '-';
            i++;
        }

        ulong mantissa = 0;
        var digits = 0;
        var exponent = 0;
        var any = false;
        var point = false;
        for (; i < s.Length; i++)
        {
            var c = C(s[i]);
            if (c == '.' && !point)
            {
                point = true;
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                break;
            }

            any = true;
            if (mantissa == 0 && c == '0')
            {
                if (point)
                {
                    exponent--;
                }

                continue;
            }

            if (digits < 19)
            {
                mantissa = (mantissa * 10) + (ulong)(c - '0');
                digits++;
                if (point)
                {
                    exponent--;
                }
            }
            else if (!point)
            {
                exponent++; // digits beyond 19 only scale; their value is below the error budget checked below
            }
        }

        if (!any)
        {
            return false;
        }

        if (i < s.Length)
        {
            if (C(s[i]) != 'e' && C(s[i]) != 'E')
            {
                return false;
            }

            i++;
            var sign = 1;
            if (i < s.Length && (C(s[i]) == '-' || C(s[i]) == '+'))
            {
                sign = C(s[i]) == '-' ? -1 : 1;
                i++;
            }

            var e = 0;
            var start = i;
            for (; i < s.Length && char.IsAsciiDigit(C(s[i])) && e < 10_000; i++)
            {
                e = (e * 10) + (C(s[i]) - '0');
            }

            if (i != s.Length || i == start)
            {
                return false;
            }

            exponent += sign * e;
        }

        if (mantissa == 0)
        {
            value = negative ? -0f : 0f;
            return true;
        }

        if (exponent < -22 || exponent > 22)
        {
            return false;
        }

        var d = exponent < 0 ? mantissa / s_powers[-exponent] : mantissa * s_powers[exponent];
        var f = (float)d;
        if (!float.IsFinite(f) || f == 0)
        {
            return false;
        }

        if (!float.IsNormal(f))
        {
            return false;
        }

        // A float32 midpoint is a double whose 29 bits below float32 precision are 1000…0, and rounding is monotonic:
        // if the exact decimal value and d lie on the same side of every midpoint, (float)d is the correctly rounded
        // float32. With up to 15 digits (and 10^|e| ≤ 10^22) both operands are exact doubles, so d is the exact value
        // correctly rounded and only d = midpoint is in doubt. With 16–19 digits the mantissa's conversion adds a
        // rounding (and digits past 19 were dropped), so d is within 3 ulps of the exact value: a midpoint within 8
        // ulps of d is left to the exact parser. (The window lies well inside d's binade.)
        var distance = Math.Abs((BitConverter.DoubleToInt64Bits(d) & 0x1FFF_FFFF) - 0x1000_0000);
        if (distance <= (digits <= 15 ? 0 : 8))
        {
            return false;
        }

        value = negative ? -f : f;
        return true;
    }

    static char C<T>(T c)
        where T : unmanaged, IBinaryInteger<T> => (char)ushort.CreateTruncating(c);

    /// <summary>Shortest round-trip text of each float32: parses back to the same bits.</summary>
    public static string Format(ReadOnlySpan<float> values)
    {
        var text = new StringBuilder((values.Length * 12) + 2);
        text.Append('[');
        Span<char> buffer = stackalloc char[32];
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            values[i].TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture);
            text.Append(buffer[..written]);
        }

        return text.Append(']').ToString();
    }
}
