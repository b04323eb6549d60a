using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace CvTailor.Api.DrfContract;

/// <summary>
/// A request body as DRF's parsers saw it: JSON, or a url-encoded/multipart form (values become JSON strings, the
/// last value of a repeated key wins as with Django's QueryDict; files are kept aside). An empty body is an empty
/// object. Reading never throws for client mistakes: it carries the contract's 400/413/415 in <see cref="Error"/>,
/// which the handler returns as is, at the point where the original would have parsed the body (a foreign id is a
/// 404 whatever the body holds). Bound as an endpoint parameter (<c>RequestFields body</c>); the OpenAPI document
/// shows the media types it reads.
/// </summary>
public sealed class RequestFields : IEndpointParameterMetadataProvider
{
    static readonly JsonNodeOptions s_nodeOptions = new() { PropertyNameCaseInsensitive = false };
    static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 64 };

    static readonly string[] s_mediaTypes = ["application/json", "multipart/form-data", "application/x-www-form-urlencoded"];

    RequestFields(JsonObject values, IFormFileCollection? files, BodyError? error = null)
    {
        Values = values;
        Files = files;
        Error = error;
    }

    public JsonObject Values { get; }

    /// <summary>The uploaded files of a multipart request; null for JSON bodies.</summary>
    public IFormFileCollection? Files { get; }

    public bool IsForm => Files is not null;

    /// <summary>Why the body could not be read (then <see cref="Values"/> is empty); null when it was.</summary>
    public BodyError? Error { get; }

    public static async ValueTask<RequestFields?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await ReadAsync(context.Request, context.RequestAborted);
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new AcceptsMetadata(s_mediaTypes, typeof(JsonObject), isOptional: true));
        BodyError.Describe(builder);
    }

    static RequestFields Failed(BodyError error) => new(new JsonObject(s_nodeOptions), null, error);

    public static async Task<RequestFields> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(ct);
                var values = new JsonObject(s_nodeOptions);
                foreach (var (key, value) in form)
                {
                    values[key] = value.Count > 0 ? JsonValue.Create(value[^1]) : JsonValue.Create("");
                }
                return new RequestFields(values, form.Files);
            }

            var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
            var isJson = mediaType is not null
                         && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                             || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
            if (!isJson)
            {
                // Any byte of another media type is a 415: one byte tells, the rest is not worth reading (bound
                // before the handler runs, this may be an upload endpoint's large body).
                return await request.Body.ReadAsync(new byte[1], ct) == 0
                    ? new RequestFields(new JsonObject(s_nodeOptions), null)
                    : Failed(BodyError.UnsupportedMediaType(request.ContentType));
            }
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length == 0)
            {
                return new RequestFields(new JsonObject(s_nodeOptions), null);
            }

            buffer.Position = 0;
            JsonNode? root;
            try
            {
                root = JsonNode.Parse(buffer, s_nodeOptions, s_documentOptions);
                // Materialise the object now so duplicate keys and similar surface here, not later.
                if (root is JsonObject obj)
                {
                    _ = obj.Count;
                }
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
            {
                return Failed(BodyError.BadRequest($"JSON parse error - {ParseErrorMessage(ex)}"));
            }
            if (root is not JsonObject body)
            {
                return Failed(BodyError.NotAnObject($"Invalid data. Expected a dictionary, but got {DrfFields.PythonTypeName(root)}."));
            }
            return new RequestFields(body, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Failed(BodyError.TooLarge());
        }
        catch (InvalidDataException ex)
        {
            // Malformed multipart, or a form limit (value count/length) exceeded.
            return Failed(BodyError.BadRequest($"Multipart form parse error - {ex.Message}"));
        }
    }

    static string ParseErrorMessage(Exception ex) => ex switch
    {
        JsonException { LineNumber: { } line, BytePositionInLine: { } pos } => $"Invalid JSON at line {line + 1} column {pos + 1}.",
        ArgumentException => "Duplicate key in JSON object.",
        _ => "Invalid JSON.",
    };
}
