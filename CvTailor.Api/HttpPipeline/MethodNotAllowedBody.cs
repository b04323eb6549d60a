using CvTailor.Api.DrfContract;

namespace CvTailor.Api.HttpPipeline;

/// <summary>Routing answers a known path with the wrong method with an empty 405; DRF said which method.</summary>
public static class MethodNotAllowedBody
{
    public static IApplicationBuilder UseMethodNotAllowedBody(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && !context.Response.HasStarted)
            {
                await context.Response.WriteAsJsonAsync(new ApiDetail(ApiMessages.MethodNotAllowed(context.Request.Method)));
            }
        });
}
