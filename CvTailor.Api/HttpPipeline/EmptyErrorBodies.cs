using CvTailor.Api.DrfContract;
using Microsoft.AspNetCore.Diagnostics;

namespace CvTailor.Api.HttpPipeline;

/// <summary>
/// No error goes out without a body: a 4xx/5xx that nothing wrote (no route matched, e.g. an id beyond the route's
/// integer range, or a bare <c>NotFound()</c>) becomes problem details whose <c>detail</c> is DRF's generic text, so
/// clients of the original (<c>{"detail": ...}</c>) read it too. Responses that already have a body keep it.
/// </summary>
public static class EmptyErrorBodies
{
    public static IApplicationBuilder UseEmptyErrorBodies(this IApplicationBuilder app) => app.UseStatusCodePages();

    /// <summary>DRF's default <c>detail</c> for the statuses its exceptions raise.</summary>
    public static void Describe(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is not null || context.Exception is not null
            || context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            return;
        }
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status400BadRequest => "Bad request.",
            StatusCodes.Status401Unauthorized => ApiMessages.NotAuthenticated,
            StatusCodes.Status403Forbidden => "You do not have permission to perform this action.",
            StatusCodes.Status404NotFound => "Not found.",
            StatusCodes.Status406NotAcceptable => "Could not satisfy the request Accept header.",
            StatusCodes.Status413PayloadTooLarge => ApiMessages.BodyTooLarge,
            StatusCodes.Status415UnsupportedMediaType => ApiMessages.UnsupportedMediaType(context.HttpContext.Request.ContentType),
            _ => null,
        };
    }
}
