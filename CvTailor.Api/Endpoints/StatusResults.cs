using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace CvTailor.Api.Endpoints;

// PopulateMetadata is IEndpointMetadataProvider's static member; a generic result must declare it (as the framework's own do).
#pragma warning disable CA1000

/// <summary>
/// A JSON body with a fixed status, for the statuses the framework's <c>TypedResults</c> cannot carry a body with
/// (403, 410, 413, 415, 429, and 401 outside authentication). Each subclass states its status to the OpenAPI document,
/// so a handler's <c>Results&lt;…&gt;</c> union documents every answer it can give.
/// </summary>
public abstract class JsonStatusResult<TBody>(int statusCode, TBody body)
    : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<TBody>
{
    public int StatusCode { get; } = statusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public TBody Value { get; } = body;

    object? IValueHttpResult.Value => Value;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCode;
        return httpContext.Response.WriteAsJsonAsync(Value, httpContext.RequestAborted);
    }

    protected static void Describe(EndpointBuilder builder, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(statusCode, typeof(TBody), ["application/json"]));
    }
}

/// <summary>401 with a body (a rejected refresh token; bearer authentication answers its own 401s).</summary>
public sealed class UnauthorizedJson<TBody>(TBody body) : JsonStatusResult<TBody>(StatusCodes.Status401Unauthorized, body), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status401Unauthorized);
}

/// <summary>403 with a body.</summary>
public sealed class ForbiddenJson<TBody>(TBody body) : JsonStatusResult<TBody>(StatusCodes.Status403Forbidden, body), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status403Forbidden);
}

/// <summary>410 with a body.</summary>
public sealed class GoneJson<TBody>(TBody body) : JsonStatusResult<TBody>(StatusCodes.Status410Gone, body), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status410Gone);
}

/// <summary>415 with a body.</summary>
public sealed class UnsupportedMediaTypeJson<TBody>(TBody body)
    : JsonStatusResult<TBody>(StatusCodes.Status415UnsupportedMediaType, body), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status415UnsupportedMediaType);
}

/// <summary>429 with a body (the caller sets <c>Retry-After</c>).</summary>
public sealed class TooManyRequestsJson<TBody>(TBody body)
    : JsonStatusResult<TBody>(StatusCodes.Status429TooManyRequests, body), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status429TooManyRequests);
}
