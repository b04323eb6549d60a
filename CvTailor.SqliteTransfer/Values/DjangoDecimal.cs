using System.Globalization;

namespace CvTailor.SqliteTransfer.Values;

/// <summary>
/// <c>DecimalField</c> values as SQLite holds them (REAL, or INTEGER when integral — NUMERIC affinity) brought back to
/// the column's scale the way Django reads them: the float to 15 significant digits, then quantized half-even.
/// </summary>
public static class DjangoDecimal
{
    public static decimal FromReal(double value, int scale)
    {
        if (!double.IsFinite(value))
        {
            throw new ValueConversionException($"{value.ToString(CultureInfo.InvariantCulture)} is not a decimal");
        }

        // The conversion keeps 15 significant digits, as Django's Context(prec=15).create_decimal_from_float does.
        return Quantize((decimal)value, scale);
    }

    public static decimal FromText(string text, int scale)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new ValueConversionException($"'{text}' is not a decimal");
        }

        return Quantize(value, scale);
    }

    public static decimal Quantize(decimal value, int scale) => Math.Round(value, scale, MidpointRounding.ToEven);

    /// <summary>Throws when <paramref name="value"/> has more integer digits than numeric(precision, scale) allows.</summary>
    public static void CheckPrecision(decimal value, int? precision, int scale)
    {
        if (precision is not { } p)
        {
            return;
        }

        var limit = 1m;
        for (var i = 0; i < p - scale; i++)
        {
            limit *= 10;
        }

        if (Math.Abs(value) >= limit)
        {
            throw new ValueConversionException($"{Format(value, scale)} does not fit numeric({p},{scale})");
        }
    }

    /// <summary>Fixed-point text with exactly <paramref name="scale"/> decimals: the canonical form and the export form.</summary>
    public static string Format(decimal value, int scale) =>
        value.ToString("F" + scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
