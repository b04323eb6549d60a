namespace CvTailor.SqliteTransfer.Values;

/// <summary>
/// timestamptz and date as PostgreSQL's binary forms hold them: microseconds and days from 2000-01-01 (UTC). The import
/// writes these numbers into its binary COPY itself instead of handing the driver a DateTime or DateOnly, because the
/// driver turns DateTime.MinValue and DateOnly.MinValue/MaxValue into ±infinity — and 0001-01-01 or 9999-12-31 are
/// dates a source can hold. Verification's row image uses the same numbers; a test compares PostgreSQL's printed
/// dates with .NET's for the values written.
/// </summary>
public static class PostgresEpoch
{
    const long UnixMicros = 946_684_800_000_000;
    static readonly int s_dayNumber = new DateOnly(2000, 1, 1).DayNumber;

    public static long Micros(DateTime utc) => DjangoDateTime.ToMicros(utc) - UnixMicros;

    public static int Days(DateOnly date) => date.DayNumber - s_dayNumber;
}
