namespace CvTailor.SqliteTransfer.Values;

/// <summary>
/// The mathematical value of a JSON number as text: sign, significant digits, exponent. jsonb stores numbers as
/// <c>numeric</c>, so <c>1e+16</c>, <c>1E16</c> and <c>10000000000000000</c> are the same content, and so are
/// <c>1.50</c> and <c>1.5</c>; this form makes them compare equal on both sides.
/// </summary>
public static class JsonNumber
{
    public static string Normalize(ReadOnlySpan<byte> raw)
    {
        var negative = raw.Length > 0 && raw[0] == '-';
        var i = negative ? 1 : 0;
        Span<char> digits = raw.Length <= 256 ? stackalloc char[raw.Length] : new char[raw.Length];
        var count = 0;
        long exponent = 0;
        var seenPoint = false;
        for (; i < raw.Length && raw[i] != 'e' && raw[i] != 'E'; i++)
        {
            if (raw[i] == '.')
            {
                seenPoint = true;
                continue;
            }

            if (count == 0 && raw[i] == '0')
            {
                if (seenPoint)
                {
                    exponent--;
                }

                continue; // leading zero
            }

            digits[count++] = (char)raw[i];
            if (seenPoint)
            {
                exponent--;
            }
        }

        if (i < raw.Length)
        {
            var sign = 1;
            i++;
            if (raw[i] is (byte)'+' or (byte)'-')
            {
                sign = raw[i] == '-' ? -1 : 1;
                i++;
            }

            long e = 0;
            for (; i < raw.Length; i++)
            {
                e = checked((e * 10) + (raw[i] - '0'));
            }

            exponent += sign * e;
        }

        if (count == 0)
        {
            return "0";
        }

        var end = count;
        while (digits[end - 1] == '0')
        {
            end--;
            exponent++;
        }

        return string.Concat(negative ? "-" : "", digits[..end], "e", exponent.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
