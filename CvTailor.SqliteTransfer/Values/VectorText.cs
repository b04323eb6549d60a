using System.Globalization;
using System.Text;

namespace CvTailor.SqliteTransfer.Values;

/// <summary>pgvector's text form <c>[f1,f2,…]</c>, which is how the original stored vectors in SQLite (§1.2).</summary>
public static class VectorText
{
    /// <summary>Parses every element as a float32, correctly rounded (as pgvector's <c>strtof</c> does).</summary>
    public static float[] Parse(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.Length < 2 || text[0] != '[' || text[^1] != ']')
        {
            throw new ValueConversionException("a vector must look like [f1,f2,…]");
        }

        var body = text[1..^1];
        if (body.IsWhiteSpace())
        {
            return [];
        }

        var values = new float[body.Count(',') + 1];
        var index = 0;
        foreach (var range in body.Split(','))
        {
            var element = body[range].Trim();
            if (!TryParseFast(element, out values[index])
                && !float.TryParse(element, NumberStyles.Float, CultureInfo.InvariantCulture, out values[index]))
            {
                throw new ValueConversionException($"vector element {index + 1} ('{element}') is not a number");
            }

            index++;
        }

        return values;
    }

    static readonly double[] s_powers = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// The common case, ~20× faster than the general parser: up to 19 significant digits and a small exponent give a
    /// double within a few ulps of the exact value; rounding that to float32 is exact unless the value lies right at a
    /// float32 rounding midpoint, which is detected and left to <see cref="float.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out float)"/>.
    /// </summary>
    static bool TryParseFast(ReadOnlySpan<char> s, out float value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (i < s.Length && (s[i] == '-' || s[i] == '+'))
        {
            negative = s[i] == '-';
            i++;
        }

        ulong mantissa = 0;
        var digits = 0;
        var exponent = 0;
        var any = false;
        var point = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
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
            if (s[i] != 'e' && s[i] != 'E')
            {
                return false;
            }

            i++;
            var sign = 1;
            if (i < s.Length && (s[i] == '-' || s[i] == '+'))
            {
                sign = s[i] == '-' ? -1 : 1;
                i++;
            }

            var e = 0;
            var start = i;
            for (; i < s.Length && char.IsAsciiDigit(s[i]) && e < 10_000; i++)
            {
                e = (e * 10) + (s[i] - '0');
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

        // d is within ~3 ulps of the exact decimal value; if a float32 midpoint is that close, rounding could differ.
        var margin = 8 * (Math.BitIncrement(Math.Abs(d)) - Math.Abs(d));
        var up = ((double)f + MathF.BitIncrement(f)) / 2;
        var down = ((double)f + MathF.BitDecrement(f)) / 2;
        if (Math.Abs(d - up) <= margin || Math.Abs(d - down) <= margin || !float.IsNormal(f))
        {
            return false;
        }

        value = negative ? -f : f;
        return true;
    }

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
