using CvTailor.Api.DrfContract;

namespace CvTailor.Api.Artifacts;

/// <summary>The area's not-found answers, in the two shapes the original used.</summary>
public static class ArtifactResults
{
    /// <summary>Generic views (R3–R5): <c>404 {"detail": "No Artifact matches the given query."}</c>.</summary>
    public static IResult NotFoundDetail() => TypedResults.NotFound(new ApiDetail(ArtifactMessages.ArtifactNotFoundDetail));

    /// <summary>Function views: <c>404 {"error": "..."}</c>.</summary>
    public static IResult NotFoundError(string message) => TypedResults.NotFound(new ApiErrorMessage(message));

    public static IResult BadRequestError(string message) => TypedResults.BadRequest(new ApiErrorMessage(message));

    public static IResult UnsupportedMediaType(HttpRequest request) => TypedResults.Json(
        new ApiDetail(ApiMessages.UnsupportedMediaType(request.ContentType)), statusCode: StatusCodes.Status415UnsupportedMediaType);
}
