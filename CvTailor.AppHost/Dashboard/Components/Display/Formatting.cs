using System.Globalization;

namespace CvTailor.AppHost.Dashboard.Components.Display;

/// <summary>How the pages print times, durations and numbers (invariant, compact).</summary>
public static class Formatting
{
    public static string Time(DateTime utc) =>
        utc == DateTime.MinValue ? "" : utc.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? value) =>
        value is null ? "" : value.Value.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan duration) => duration.TotalMilliseconds switch
    {
        < 1 => $"{duration.TotalMicroseconds.ToString("0", CultureInfo.InvariantCulture)} µs",
        < 1000 => $"{duration.TotalMilliseconds.ToString("0.##", CultureInfo.InvariantCulture)} ms",
        _ => $"{duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s",
    };

    public static string Number(double value) =>
        Math.Abs(value) >= 1e6 || (value != 0 && Math.Abs(value) < 1e-3)
            ? value.ToString("0.###e+0", CultureInfo.InvariantCulture)
            : value.ToString("#,0.###", CultureInfo.InvariantCulture);

    public static string ShortId(string id) => id.Length > 8 ? id[..8] : id;

    /// <summary>A stable colour per service so one service's spans look alike across the waterfall.</summary>
    public static string ColorFor(string key)
    {
        string[] palette = ["#0f6cbd", "#c239b3", "#107c10", "#ca5010", "#8764b8", "#038387", "#986f0b", "#4f6bed", "#498205"];
        // FNV-1a: stable across runs (string.GetHashCode is randomized per process).
        var hash = 2166136261;
        foreach (var c in key)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return palette[hash % (uint)palette.Length];
    }

    public static string Percent(double value) => value.ToString("0.###", CultureInfo.InvariantCulture) + "%";
}
