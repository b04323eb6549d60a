using System.Text.Json;
using CvTailor.Api.DrfContract;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CvTailor.Api.HttpPipeline;

/// <summary>
/// The one place where request text is checked before any endpoint sees it: query strings, route values, form fields,
/// uploaded file names and every string (and property name) of a JSON body. Text with NUL or an unpaired surrogate
/// is answered <c>400 {"field": ["Null characters are not allowed."]}</c> in DRF's validation shape, naming the query
/// key, form key or top-level JSON property that holds it. A multipart body that cannot be parsed (broken boundary,
/// cut short) is a <c>400 {"detail"}</c>, never an IOException reaching the error handler. Runs after the body limits
/// (a body over its limit stays a 413). The body is buffered for the endpoint: JSON bodies are small (1 MiB default
/// limit) and a form is read once and cached by the framework.
/// </summary>
public static class InputPolicy
{
    static readonly JsonReaderOptions s_readerOptions = new() { MaxDepth = 64 };

    public static IApplicationBuilder UseInputPolicy(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (await FindProblemAsync(context) is { } problem)
            {
                await problem.ExecuteAsync(context);
                return;
            }
            await next(context);
        });

    static async Task<IResult?> FindProblemAsync(HttpContext context)
    {
        if (context.GetEndpoint() is null)
        {
            // No route matched: the answer is a 404 whatever the input; its body is not worth reading.
            return null;
        }
        var request = context.Request;
        foreach (var (key, values) in request.Query)
        {
            if ((Check(key, key) ?? CheckAll(key, values)) is { } queryError)
            {
                return queryError;
            }
        }
        foreach (var (key, value) in request.RouteValues)
        {
            if (value is string text && Check(key, text) is { } routeError)
            {
                return routeError;
            }
        }

        if (request.HasFormContentType)
        {
            return await CheckFormAsync(context);
        }
        if (IsJson(request.ContentType) && request.ContentLength is not 0)
        {
            return await CheckJsonAsync(request, context.RequestAborted);
        }
        return null;
    }

    static async Task<IResult?> CheckFormAsync(HttpContext context)
    {
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && ex is not BadHttpRequestException
                                   && !context.RequestAborted.IsCancellationRequested)
        {
            // A broken boundary, a body cut short or a form limit (value count/length) exceeded.
            return TypedResults.BadRequest(new ApiDetail($"Multipart form parse error - {ex.Message}"));
        }
        foreach (var (key, values) in form)
        {
            if ((Check(key, key) ?? CheckAll(key, values)) is { } fieldError)
            {
                return fieldError;
            }
        }
        foreach (var file in form.Files)
        {
            if ((Check(file.Name, file.Name) ?? Check(file.Name, file.FileName)) is { } fileError)
            {
                return fileError;
            }
        }
        return null;
    }

    static async Task<IResult?> CheckJsonAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            // Bounded by the endpoint's body limit: reading past it throws the 413 the error handler answers.
            await request.Body.CopyToAsync(buffer, ct);
            body = buffer.ToArray();
        }
        request.Body.Position = 0;
        return CheckJson(body);
    }

    /// <summary>Checks every string and property name; malformed JSON is left to the endpoint's parser (its 400).</summary>
    static BadRequest<IReadOnlyDictionary<string, string[]>>? CheckJson(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, s_readerOptions);
        string field = FieldErrors.NonField;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
                {
                    continue;
                }
                var isTopLevelName = reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1;
                string text;
                try
                {
                    text = reader.GetString()!;
                }
                catch (InvalidOperationException)
                {
                    // An escaped lone surrogate (or invalid UTF-8) that cannot become a string at all.
                    return FieldErrors.For(isTopLevelName ? FieldErrors.NonField : field, TextRules.InvalidText);
                }
                if (isTopLevelName)
                {
                    field = TextRules.Problem(text) is null ? text : FieldErrors.NonField;
                }
                if (TextRules.Problem(text) is { } message)
                {
                    return FieldErrors.For(field, message);
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return null;
    }

    static BadRequest<IReadOnlyDictionary<string, string[]>>? CheckAll(string field, IEnumerable<string?> values)
    {
        foreach (var value in values)
        {
            if (Check(field, value) is { } error)
            {
                return error;
            }
        }
        return null;
    }

    static BadRequest<IReadOnlyDictionary<string, string[]>>? Check(string field, string? text)
    {
        if (text is null || TextRules.Problem(text) is not { } message)
        {
            return null;
        }
        return FieldErrors.For(TextRules.Problem(field) is null ? field : FieldErrors.NonField, message);
    }

    static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Value is { } media
        && (media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
