using System.Globalization;

namespace CvTailor.Api.Generation.Model;

/// <summary>Parses the "YYYY-MM" and "YYYY-MM-DD" dates used by artifacts.</summary>
public static class PartialDate
{
    public static DateOnly? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        string[] formats = ["yyyy-MM-dd", "yyyy-MM", "yyyy"];
        return DateOnly.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"'{value}' is not a YYYY-MM or YYYY-MM-DD date.");
    }
}
