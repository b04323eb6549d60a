using System.Globalization;
using System.Text;

namespace CvTailor.Migrator.Values;

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

        var count = body.Count(',') + 1;
        var values = new float[count];
        var index = 0;
        foreach (var range in body.Split(','))
        {
            var element = body[range];
            if (!float.TryParse(element, NumberStyles.Float, CultureInfo.InvariantCulture, out values[index++]))
            {
                throw new ValueConversionException($"vector element {index} ('{element.Trim()}') is not a number");
            }
        }

        return values;
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
