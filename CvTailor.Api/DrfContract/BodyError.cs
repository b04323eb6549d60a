using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace CvTailor.Api.DrfContract;

/// <summary>
/// Why a request body could not be read, in the contract's shapes: <c>400 {"detail": "JSON parse error - …"}</c>
/// (or a multipart parse error), <c>400 {"non_field_errors": [...]}</c> for JSON that is not an object,
/// <c>413 {"detail"}</c> and <c>415 {"detail"}</c>. A handler returns it as is (see <see cref="RequestFields"/>).
/// </summary>
public sealed class BodyError : IResult, IStatusCodeHttpResult, IValueHttpResult, IEndpointMetadataProvider
{
    BodyError(int statusCode, object value)
    {
        StatusCode = statusCode;
        Value = value;
    }

    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <summary>An <see cref="ApiDetail"/> or a DRF field-error dictionary.</summary>
    public object Value { get; }

    public static BodyError BadRequest(string detail) => new(StatusCodes.Status400BadRequest, new ApiDetail(detail));

    public static BodyError NotAnObject(string message) =>
        new(StatusCodes.Status400BadRequest, new Dictionary<string, string[]>(StringComparer.Ordinal) { [FieldErrors.NonField] = [message] });

    public static BodyError TooLarge() => new(StatusCodes.Status413PayloadTooLarge, new ApiDetail(ApiMessages.BodyTooLarge));

    public static BodyError UnsupportedMediaType(string? contentType) =>
        new(StatusCodes.Status415UnsupportedMediaType, new ApiDetail(ApiMessages.UnsupportedMediaType(contentType)));

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCode;
        return httpContext.Response.WriteAsJsonAsync(Value, Value.GetType(), httpContext.RequestAborted);
    }

    /// <summary>The 400 is documented by the handler's field errors; the body's own failures add 413 and 415.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder);

    internal static void Describe(EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(ApiDetail), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status413PayloadTooLarge, typeof(ApiDetail), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status415UnsupportedMediaType, typeof(ApiDetail), ["application/json"]));
    }
}
