using System.Globalization;

namespace CvTailor.Api.Generation.Content;

/// <summary>Formats and parses the CV's date ranges ("Apr 2019 – May 2022", "Jun 2022 – Present").</summary>
public static class DateText
{
    public const string Present = "Present";
    const string Separator = " – ";

    public static string Month(DateOnly date) => date.ToString("MMM yyyy", CultureInfo.InvariantCulture);

    public static string Range(DateOnly? start, DateOnly? end, bool ongoingWhenOpen = true)
    {
        if (start is null)
        {
            return end is null ? "" : Month(end.Value);
        }

        if (end is null)
        {
            return ongoingWhenOpen ? Month(start.Value) + Separator + Present : Month(start.Value);
        }

        return start == end ? Month(start.Value) : Month(start.Value) + Separator + Month(end.Value);
    }

    /// <summary>Reads back a range written by <see cref="Range"/>: start, end (null when "Present" or absent).</summary>
    public static (DateOnly? Start, DateOnly? End) ParseRange(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        var parts = text.Split(Separator.Trim(), StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var start = ParseMonth(parts[0]);
        var end = parts.Length > 1 ? ParseMonth(parts[1]) : start;
        return (start, end);
    }

    static DateOnly? ParseMonth(string text)
    {
        if (DateOnly.TryParseExact(text, "MMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        return DateOnly.TryParseExact(text, "yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var y) ? y : null;
    }
}
