namespace CvTailor.Api.HttpPipeline;

/// <summary>
/// Every API route is mapped once, in its canonical slashed form (<c>/api/v1/auth/login/</c>), as in the original.
/// The original answered a missing slash with a 301 (GET) or an error (POST/PUT/PATCH/DELETE); here both forms are
/// served for every method: the path is completed before routing, so links built from the request (pagination)
/// keep the canonical form.
/// </summary>
public static class TrailingSlash
{
    public static readonly PathString ApiPrefix = "/api";

    public static IApplicationBuilder UseOptionalTrailingSlash(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments(ApiPrefix) && path.Value is { } value && !value.EndsWith('/'))
            {
                context.Request.Path = new PathString(value + "/");
            }
            return next(context);
        });
}
