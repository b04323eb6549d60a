using System.Globalization;
using System.Text;
using CvTailor.AppHost.Dashboard.Otlp.Proto.Common.V1;
using Google.Protobuf;
using Google.Protobuf.Collections;
using OtlpResource = CvTailor.AppHost.Dashboard.Otlp.Proto.Resource.V1.Resource;

namespace CvTailor.AppHost.Dashboard.Store;

/// <summary>
/// Turns OTLP protobuf values into the store's display form, applying the per-item caps of
/// <see cref="TelemetryLimits"/> so no single item is unbounded in size.
/// </summary>
public static class OtlpConversion
{
    public const string UnknownService = "unknown_service";
    const int StringOverhead = 24;

    public static string ToHex(ByteString id) => id.IsEmpty ? "" : Convert.ToHexStringLower(id.Span);

    public static DateTime ToDateTime(ulong unixNanos) =>
        unixNanos == 0 ? DateTime.MinValue : DateTime.UnixEpoch.AddTicks((long)Math.Min(unixNanos / 100, (ulong)(DateTime.MaxValue - DateTime.UnixEpoch).Ticks));

    public static TelemetryResource ToResource(OtlpResource? resource, TelemetryLimits limits)
    {
        var attributes = resource is null ? [] : ToAttributes(resource.Attributes, limits);
        string? name = null, instance = null;
        foreach (var a in attributes)
        {
            if (a.Key == "service.name")
            {
                name = a.Value;
            }
            else if (a.Key == "service.instance.id")
            {
                instance = a.Value;
            }
        }

        return new TelemetryResource(string.IsNullOrEmpty(name) ? UnknownService : name, instance ?? "", attributes);
    }

    public static IReadOnlyList<TelemetryTag> ToAttributes(RepeatedField<KeyValue> attributes, TelemetryLimits limits)
    {
        if (attributes.Count == 0)
        {
            return [];
        }

        var count = Math.Min(attributes.Count, limits.MaxAttributeCount);
        var result = new TelemetryTag[count];
        for (var i = 0; i < count; i++)
        {
            var kv = attributes[i];
            result[i] = new TelemetryTag(Truncate(kv.Key, limits.MaxAttributeLength), ToText(kv.Value, limits.MaxAttributeLength));
        }

        return result;
    }

    public static string ToText(AnyValue? value, int maxLength)
    {
        if (value is null)
        {
            return "";
        }

        if (value.ValueCase == AnyValue.ValueOneofCase.StringValue)
        {
            return Truncate(value.StringValue, maxLength);
        }

        var builder = new StringBuilder();
        Append(builder, value, maxLength);
        return Truncate(builder.ToString(), maxLength);
    }

    public static string Truncate(string value, int maxLength) =>
        value.Length <= maxLength ? value : string.Concat(value.AsSpan(0, maxLength), "…");

    public static long EstimateBytes(string value) => StringOverhead + (2L * value.Length);

    public static long EstimateBytes(IReadOnlyList<TelemetryTag> attributes)
    {
        long total = 32;
        foreach (var a in attributes)
        {
            total += 16 + EstimateBytes(a.Key) + EstimateBytes(a.Value);
        }

        return total;
    }

    // Nested values are shown JSON-like; the length check keeps a deep or huge array from being rendered in full.
    static void Append(StringBuilder builder, AnyValue value, int maxLength)
    {
        if (builder.Length > maxLength)
        {
            return;
        }

        switch (value.ValueCase)
        {
            case AnyValue.ValueOneofCase.StringValue:
                builder.Append(value.StringValue);
                break;
            case AnyValue.ValueOneofCase.BoolValue:
                builder.Append(value.BoolValue ? "true" : "false");
                break;
            case AnyValue.ValueOneofCase.IntValue:
                builder.Append(value.IntValue.ToString(CultureInfo.InvariantCulture));
                break;
            case AnyValue.ValueOneofCase.DoubleValue:
                builder.Append(value.DoubleValue.ToString("R", CultureInfo.InvariantCulture));
                break;
            case AnyValue.ValueOneofCase.BytesValue:
                builder.Append(value.BytesValue.ToBase64());
                break;
            case AnyValue.ValueOneofCase.ArrayValue:
                builder.Append('[');
                for (var i = 0; i < value.ArrayValue.Values.Count && builder.Length <= maxLength; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Append(builder, value.ArrayValue.Values[i], maxLength);
                }

                builder.Append(']');
                break;
            case AnyValue.ValueOneofCase.KvlistValue:
                builder.Append('{');
                for (var i = 0; i < value.KvlistValue.Values.Count && builder.Length <= maxLength; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    builder.Append(value.KvlistValue.Values[i].Key).Append(": ");
                    if (value.KvlistValue.Values[i].Value is { } nested)
                    {
                        Append(builder, nested, maxLength);
                    }
                }

                builder.Append('}');
                break;
            case AnyValue.ValueOneofCase.None:
            default:
                break;
        }
    }
}
