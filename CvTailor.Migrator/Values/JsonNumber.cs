using System.Text;

namespace CvTailor.Migrator.Values;

/// <summary>
/// The mathematical value of a JSON number as text: sign, significant digits, exponent. jsonb stores numbers as
/// <c>numeric</c>, so <c>1e+16</c>, <c>1E16</c> and <c>10000000000000000</c> are the same content, and so are
/// <c>1.50</c> and <c>1.5</c>; this form makes them compare equal on both sides.
/// </summary>
public static class JsonNumber
{
    public static string Normalize(ReadOnlySpan<byte> raw)
    {
        var negative = false;
        var i = 0;
        if (i < raw.Length && raw[i] == '-')
        {
            negative = true;
            i++;
        }

        var digits = new StringBuilder(raw.Length);
        var exponent = 0L;
        var seenPoint = false;
        for (; i < raw.Length && raw[i] != 'e' && raw[i] != 'E'; i++)
        {
            if (raw[i] == '.')
            {
                seenPoint = true;
                continue;
            }

            digits.Append((char)raw[i]);
            if (seenPoint)
            {
                exponent--;
            }
        }

        if (i < raw.Length)
        {
            exponent += long.Parse(Encoding.ASCII.GetString(raw[(i + 1)..]), System.Globalization.CultureInfo.InvariantCulture);
        }

        var text = digits.ToString().TrimStart('0');
        if (text.Length == 0)
        {
            return "0";
        }

        var trimmed = text.TrimEnd('0');
        exponent += text.Length - trimmed.Length;
        return $"{(negative ? "-" : "")}{trimmed}e{exponent}";
    }
}
