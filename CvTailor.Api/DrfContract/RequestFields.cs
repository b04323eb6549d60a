using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CvTailor.Api.DrfContract;

/// <summary>
/// A request body as DRF's parsers saw it: JSON, or a url-encoded/multipart form (values become JSON strings, the
/// last value of a repeated key wins as with Django's QueryDict; files are kept aside). An empty body is an empty
/// object. Reading never throws for client mistakes: it returns the contract's 400/413/415 instead.
/// </summary>
public sealed class RequestFields
{
    static readonly JsonNodeOptions s_nodeOptions = new() { PropertyNameCaseInsensitive = false };
    static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 64 };

    RequestFields(JsonObject values, IFormFileCollection? files)
    {
        Values = values;
        Files = files;
    }

    public JsonObject Values { get; }

    /// <summary>The uploaded files of a multipart request; null for JSON bodies.</summary>
    public IFormFileCollection? Files { get; }

    public bool IsForm => Files is not null;

    public static async Task<RequestFieldsResult> ReadAsync(HttpRequest request, CancellationToken ct)
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
                return new RequestFieldsResult(new RequestFields(values, form.Files), null);
            }

            var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
            var isJson = mediaType is not null
                         && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                             || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length == 0)
            {
                return new RequestFieldsResult(new RequestFields(new JsonObject(s_nodeOptions), null), null);
            }
            if (!isJson)
            {
                return new RequestFieldsResult(null,
                    TypedResults.Json(new ApiDetail(ApiMessages.UnsupportedMediaType(request.ContentType)), statusCode: StatusCodes.Status415UnsupportedMediaType));
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
                return new RequestFieldsResult(null, TypedResults.BadRequest(new ApiDetail($"JSON parse error - {ParseErrorMessage(ex)}")));
            }
            if (root is not JsonObject body)
            {
                return new RequestFieldsResult(null, FieldErrors.For(FieldErrors.NonField,
                    $"Invalid data. Expected a dictionary, but got {DrfFields.PythonTypeName(root)}."));
            }
            return new RequestFieldsResult(new RequestFields(body, null), null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new RequestFieldsResult(null, TypedResults.Json(new ApiDetail(ApiMessages.BodyTooLarge), statusCode: StatusCodes.Status413PayloadTooLarge));
        }
        catch (InvalidDataException ex)
        {
            // Malformed multipart, or a form limit (value count/length) exceeded.
            return new RequestFieldsResult(null, TypedResults.BadRequest(new ApiDetail($"Multipart form parse error - {ex.Message}")));
        }
    }

    static string ParseErrorMessage(Exception ex) => ex switch
    {
        JsonException { LineNumber: { } line, BytePositionInLine: { } pos } => $"Invalid JSON at line {line + 1} column {pos + 1}.",
        ArgumentException => "Duplicate key in JSON object.",
        _ => "Invalid JSON.",
    };
}

/// <summary>Either the parsed fields or the error response to return as is.</summary>
public readonly record struct RequestFieldsResult(RequestFields? Fields, IResult? Error);
