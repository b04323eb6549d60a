using System.Text.Json.Nodes;
using Google.Protobuf;

namespace CvTailor.AppHost.Dashboard.Otlp;

/// <summary>
/// OTLP/JSON differs from protobuf's canonical JSON in one way that matters here: trace and span ids are hex
/// strings, not base64. They are rewritten to base64 before the standard parser runs (enums as integers and
/// lowerCamelCase names are already accepted by it).
/// </summary>
public static class OtlpJson
{
    static readonly HashSet<string> IdFields = new(StringComparer.Ordinal)
    {
        "traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id",
    };

    static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true).WithRecursionLimit(64));

    public static T Parse<T>(ReadOnlySpan<byte> utf8Json) where T : IMessage, new()
    {
        var node = JsonNode.Parse(utf8Json, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 64 })
                   ?? throw new FormatException("The request body is the JSON literal null.");
        RewriteIds(node);
        return Parser.Parse<T>(node.ToJsonString());
    }

    public static string Format(IMessage message) => JsonFormatter.Default.Format(message);

    static void RewriteIds(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is JsonValue v && IdFields.Contains(name) && v.TryGetValue<string>(out var hex) && IsHex(hex))
                    {
                        obj[name] = Convert.ToBase64String(Convert.FromHexString(hex));
                    }
                    else if (value is not null)
                    {
                        RewriteIds(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        RewriteIds(item);
                    }
                }

                break;
            default:
                break;
        }
    }

    static bool IsHex(string value) => value.Length % 2 == 0 && value.All(Uri.IsHexDigit);
}
