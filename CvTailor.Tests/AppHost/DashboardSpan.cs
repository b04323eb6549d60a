using System.Globalization;
using System.Text.Json;

namespace CvTailor.Tests.AppHost;

/// <summary>A span as the dashboard's telemetry API returns it (OTLP JSON), with its attributes as strings.</summary>
public sealed record DashboardSpan(
    string Name, string TraceId, string SpanId, string? ParentSpanId, bool IsError, string? StatusMessage,
    IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<string> Events)
{
    public string? Tag(string key) => Attributes.TryGetValue(key, out var value) ? value : null;

    public static DashboardSpan Parse(JsonElement span)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (span.TryGetProperty("attributes", out var list))
        {
            foreach (var a in list.EnumerateArray())
            {
                attributes[a.GetProperty("key").GetString()!] = Scalar(a.GetProperty("value"));
            }
        }
        var status = span.TryGetProperty("status", out var s) ? s : default;
        // OTLP's STATUS_CODE_ERROR is 2 (JSON may carry the number or the enum name).
        var isError = status.ValueKind == JsonValueKind.Object && status.TryGetProperty("code", out var code)
                      && (code.ValueKind == JsonValueKind.Number ? code.GetInt32() == 2 : code.GetString() == "STATUS_CODE_ERROR");
        var message = status.ValueKind == JsonValueKind.Object && status.TryGetProperty("message", out var m) ? m.GetString() : null;
        var events = span.TryGetProperty("events", out var e)
            ? e.EnumerateArray().Select(x => x.GetProperty("name").GetString()!).ToList()
            : [];
        var parent = span.TryGetProperty("parentSpanId", out var p) && p.GetString() is { Length: > 0 } id ? id : null;
        return new DashboardSpan(span.GetProperty("name").GetString()!, span.GetProperty("traceId").GetString()!,
            span.GetProperty("spanId").GetString()!, parent, isError, message, attributes, events);
    }

    // AnyValue: exactly one of stringValue, intValue (a string in OTLP JSON), doubleValue, boolValue, ...
    static string Scalar(JsonElement value)
    {
        foreach (var property in value.EnumerateObject())
        {
            return property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => property.Value.GetRawText(),
                _ => property.Value.GetRawText(),
            };
        }
        return "";
    }
}
