using System.Globalization;
using CvTailor.SqliteTransfer.Values;

namespace CvTailor.Tests.SqliteTransfer;

/// <summary>The forms behind the checksums, and the parsers behind exact values.</summary>
public sealed class ValueFormTests
{
    [Theory]
    [InlineData("[\"Caf\\u00e9\", \"\\ud83d\\ude80\"]", "[\"Café\",\"🚀\"]")]
    [InlineData("{\"b\": 1, \"a\": [1.50, 2e-05]}", "{\"a\":[1.50,0.00002],\"b\":1}")]
    [InlineData("{\"n\": 1e+16}", "{\"n\": 10000000000000000}")]
    [InlineData("{\"k\": 1, \"k\": 2}", "{\"k\": 2}")]
    [InlineData("{\"x\": -0.0}", "{\"x\": 0.0}")]
    public void Json_jsonb_stores_alike_prints_alike(string python, string jsonb) =>
        Assert.Equal(JsonbText.Format(python), JsonbText.Format(jsonb));

    [Theory]
    [InlineData("[1, 2]", "[2, 1]")]
    [InlineData("{\"a\": \"1\"}", "{\"a\": 1}")]
    [InlineData("{\"a\": null}", "{}")]
    [InlineData("[\"a\", \"b\"]", "[\"ab\"]")]
    [InlineData("{\"a\": 1.5}", "{\"a\": 1.05}")]
    [InlineData("{\"a\": 1.5}", "{\"a\": 1.50}")]
    public void Json_jsonb_stores_differently_prints_differently(string left, string right) =>
        Assert.NotEqual(JsonbText.Format(left), JsonbText.Format(right));

    [Theory]
    [InlineData("{\"x\": NaN}")]
    [InlineData("[\"nul \\u0000\"]")]
    [InlineData("[\"lone \\ud800\"]")]
    [InlineData("{\"a\": 1")]
    [InlineData("{\"a\": 1} x")]
    [InlineData("")]
    public void Json_jsonb_cannot_hold_is_rejected(string json) =>
        Assert.Throws<ValueConversionException>(() => JsonbText.Format(json));

    [Fact]
    public void Json_with_an_unpaired_surrogate_in_the_text_itself_is_rejected() =>
        Assert.Throws<ValueConversionException>(() => JsonbText.Format("[\"lone \ud800\"]"));

    [Fact]
    public void Vector_text_parses_to_the_correctly_rounded_float32_like_strtof()
    {
        var random = new Random(7);
        string[] formats = ["R", "G9", "G17", "E3", "F12", "E20"];
        for (var i = 0; i < 200_000; i++)
        {
            var value = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-12, 12));
            if (i % 3 == 0)
            {
                value = (float)value;
            }

            var text = value.ToString(formats[i % formats.Length], CultureInfo.InvariantCulture);
            Assert.Equal(float.Parse(text, CultureInfo.InvariantCulture), VectorText.Parse($"[{text}]")[0]);
            Assert.Equal(float.Parse(text, CultureInfo.InvariantCulture), VectorText.ParseUtf8(System.Text.Encoding.UTF8.GetBytes($"[{text}]"))[0]);
        }

        // Midpoints written with few digits (2^24 + 1 and 2^25 + 2 lie between two float32 values; ties go to even).
        foreach (var midpoint in new[] { "16777217", "-16777217", "1.6777217e7", "33554434", "16777219", "3.3554434E+7" })
        {
            Assert.Equal(float.Parse(midpoint, CultureInfo.InvariantCulture), VectorText.Parse($"[{midpoint}]")[0]);
            Assert.Equal(float.Parse(midpoint, CultureInfo.InvariantCulture), VectorText.ParseUtf8(System.Text.Encoding.UTF8.GetBytes($"[ {midpoint} ]"))[0]);
        }

        // Exactly between two float32 values: the fast path must defer to the exact parser.
        for (var i = 0; i < 20_000; i++)
        {
            var f = (float)(random.NextDouble() - 0.5);
            var midpoint = (((double)f + MathF.BitIncrement(f)) / 2).ToString("R", CultureInfo.InvariantCulture);
            Assert.Equal(float.Parse(midpoint, CultureInfo.InvariantCulture), VectorText.Parse($"[{midpoint}]")[0]);
        }
    }

    [Fact]
    public void Vector_text_round_trips_bit_for_bit()
    {
        var values = new[] { 0f, -0f, 1e-30f, float.Epsilon * 3, 0.1f, -123456.789f, float.MaxValue };
        Assert.Equal(values, VectorText.Parse(VectorText.Format(values)));
        Assert.Throws<ValueConversionException>(() => VectorText.Parse("[0.1,abc]"));
        Assert.Throws<ValueConversionException>(() => VectorText.Parse("0.1,0.2"));
        Assert.Equal(values, VectorText.ParseUtf8(System.Text.Encoding.UTF8.GetBytes(VectorText.Format(values))));
        Assert.Equal([0.5f, -2f, 3f], VectorText.ParseUtf8(" [0.5, -2 ,3e0]\n"u8));
        Assert.Throws<ValueConversionException>(() => VectorText.ParseUtf8("[0.1,abc]"u8));
        Assert.Throws<ValueConversionException>(() => VectorText.ParseUtf8("[0.1,,0.2]"u8));
    }

    [Theory]
    [InlineData("2024-01-02 03:04:05", "2024-01-02 03:04:05")]
    [InlineData("2024-01-02 03:04:05.000001", "2024-01-02 03:04:05.000001")]
    [InlineData("2024-01-02 03:04:05.5", "2024-01-02 03:04:05.500000")]
    [InlineData("2024-01-02T03:04:05Z", "2024-01-02 03:04:05")]
    [InlineData("2024-01-02 05:04:05+02:00", "2024-01-02 03:04:05")]
    public void Django_datetimes_parse_as_utc_and_format_as_django_writes_them(string text, string django) =>
        Assert.Equal(django, DjangoDateTime.Format(DjangoDateTime.ToUtcDateTime(DjangoDateTime.ParseMicros(text))));

    [Theory]
    [InlineData("2024-02-30 00:00:00")]
    [InlineData("2024-01-02 03:04:05.1234567")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void Malformed_datetimes_are_rejected(string text) =>
        Assert.Throws<ValueConversionException>(() => DjangoDateTime.ParseMicros(text));

    [Theory]
    [InlineData(0.008, 6, "0.008000")]
    [InlineData(0.0001234, 6, "0.000123")]
    [InlineData(0.0000125, 6, "0.000012")] // half-even
    [InlineData(0.85, 2, "0.85")]
    [InlineData(3.0, 6, "3.000000")]
    public void Decimals_stored_as_real_are_quantized_to_the_column_scale(double stored, int scale, string expected) =>
        Assert.Equal(expected, DjangoDecimal.Format(DjangoDecimal.FromReal(stored, scale), scale));

    [Fact]
    public void Decimals_too_large_for_the_column_are_rejected() =>
        Assert.Throws<ValueConversionException>(() => DjangoDecimal.CheckPrecision(12.5m, 3, 2));

    [Fact]
    public void Export_json_is_written_the_way_python_json_dumps_writes_it() =>
        Assert.Equal("{\"a\": [\"Caf\\u00e9\", \"\\ud83d\\ude80\", \"q\\\"\\\\\\n\\u007f\"], \"b\": null}",
            PythonJson.FromJson("{\"a\":[\"Café\",\"🚀\",\"q\\\"\\\\\\n\\u007f\"],\"b\":null}"));
}
