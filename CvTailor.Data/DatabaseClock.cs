namespace CvTailor.Data;

/// <summary>
/// "Now" at the database's precision. PostgreSQL keeps microseconds; truncating here makes the value a response
/// echoes right after a write identical to what a later read returns.
/// </summary>
public static class DatabaseClock
{
    public static DateTime UtcNow(this TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
    }
}
