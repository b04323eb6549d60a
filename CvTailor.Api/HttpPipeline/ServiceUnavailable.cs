using System.Globalization;

namespace CvTailor.Api.HttpPipeline;

/// <summary>The Api's 503: problem details with a title saying why, and Retry-After in whole seconds.</summary>
public static class ServiceUnavailable
{
    public static Task WriteAsync(HttpContext context, string title, int retryAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = title },
        }).AsTask();
    }
}
