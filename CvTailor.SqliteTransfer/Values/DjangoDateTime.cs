using System.Globalization;

namespace CvTailor.SqliteTransfer.Values;

/// <summary>
/// Django's SQLite text form of <c>DateTimeField</c> (<c>YYYY-MM-DD HH:MM:SS[.ffffff]</c>, naive UTC, fraction omitted
/// when zero) and <c>DateField</c> (<c>YYYY-MM-DD</c>), parsed and written without culture or allocation overhead.
/// </summary>
public static class DjangoDateTime
{
    static readonly long s_epochTicks = DateTime.UnixEpoch.Ticks;

    /// <summary>Parses to microseconds since the Unix epoch, UTC. Accepts 'T' and a trailing Z or ±HH:MM offset too.</summary>
    public static long ParseMicros(ReadOnlySpan<char> s)
    {
        if (s.Length < 19 || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':')
        {
            throw Invalid(s);
        }

        var date = ParseDate(s[..10]);
        var hour = Digits(s, 11, 2);
        var minute = Digits(s, 14, 2);
        var second = Digits(s, 17, 2);
        if (hour > 23 || minute > 59 || second > 59)
        {
            throw Invalid(s);
        }

        long micros = 0;
        var i = 19;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var digits = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                if (digits == 6)
                {
                    // PostgreSQL keeps microseconds; a finer fraction would be rounded away.
                    throw new ValueConversionException($"'{s}' has more than 6 fractional digits");
                }

                micros = (micros * 10) + (s[i] - '0');
                digits++;
                i++;
            }

            if (digits == 0)
            {
                throw Invalid(s);
            }

            for (; digits < 6; digits++)
            {
                micros *= 10;
            }
        }

        long offsetMinutes = 0;
        if (i < s.Length)
        {
            if (s[i] == 'Z' && i == s.Length - 1)
            {
                i++;
            }
            else if ((s[i] == '+' || s[i] == '-') && s.Length - i == 6 && s[i + 3] == ':')
            {
                offsetMinutes = (Digits(s, i + 1, 2) * 60) + Digits(s, i + 4, 2);
                if (s[i] == '-')
                {
                    offsetMinutes = -offsetMinutes;
                }

                i += 6;
            }
            else
            {
                throw Invalid(s);
            }
        }

        var dayNumber = date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        var seconds = (dayNumber * 86_400L) + (hour * 3600L) + (minute * 60L) + second - (offsetMinutes * 60);
        return (seconds * 1_000_000) + micros;
    }

    public static DateOnly ParseDate(ReadOnlySpan<char> s)
    {
        if (s.Length != 10 || s[4] != '-' || s[7] != '-')
        {
            throw Invalid(s);
        }

        var year = Digits(s, 0, 4);
        var month = Digits(s, 5, 2);
        var day = Digits(s, 8, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            throw Invalid(s);
        }

        return new DateOnly(year, month, day);
    }

    public static DateTime ToUtcDateTime(long micros) => new(s_epochTicks + (micros * 10), DateTimeKind.Utc);

    /// <summary>Microseconds since the epoch of a timestamp read from PostgreSQL (whole microseconds by construction).</summary>
    public static long ToMicros(DateTime utc) => (utc.Ticks - s_epochTicks) / 10;

    /// <summary>Django's stored form: <c>str(naive_utc_datetime)</c>.</summary>
    public static string Format(DateTime utc)
    {
        var micros = (utc.Ticks / 10) % 1_000_000;
        return micros == 0
            ? utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
    }

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static int Digits(ReadOnlySpan<char> s, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                throw Invalid(s);
            }

            value = (value * 10) + (s[i] - '0');
        }

        return value;
    }

    static ValueConversionException Invalid(ReadOnlySpan<char> s) =>
        new($"'{s}' is not a Django date/datetime (YYYY-MM-DD[ HH:MM:SS[.ffffff]])");
}
