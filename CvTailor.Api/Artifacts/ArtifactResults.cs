using CvTailor.Api.DrfContract;
using CvTailor.Api.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CvTailor.Api.Artifacts;

/// <summary>The area's not-found answers, in the two shapes the original used.</summary>
public static class ArtifactResults
{
    /// <summary>Generic views (R3–R5): <c>404 {"detail": "No Artifact matches the given query."}</c>.</summary>
    public static NotFound<ApiDetail> NotFoundDetail() => TypedResults.NotFound(new ApiDetail(ArtifactMessages.ArtifactNotFoundDetail));

    /// <summary>Function views: <c>404 {"error": "..."}</c>.</summary>
    public static NotFound<ApiErrorMessage> NotFoundError(string message) => TypedResults.NotFound(new ApiErrorMessage(message));

    public static BadRequest<ApiErrorMessage> BadRequestError(string message) => TypedResults.BadRequest(new ApiErrorMessage(message));

    public static UnsupportedMediaTypeJson<ApiDetail> UnsupportedMediaType(HttpRequest request) =>
        new(new ApiDetail(ApiMessages.UnsupportedMediaType(request.ContentType)));
}
