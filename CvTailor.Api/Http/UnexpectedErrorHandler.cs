using Microsoft.AspNetCore.Diagnostics;

namespace CvTailor.Api.Http;

/// <summary>
/// The last line: a client error the framework raised (bad request, body too large) keeps its status with a
/// <c>{"detail"}</c> body; anything else is logged and answered with a bare 500 problem details (no exception text,
/// no stack trace).
/// </summary>
public sealed partial class UnexpectedErrorHandler(IProblemDetailsService problemDetails, ILogger<UnexpectedErrorHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            httpContext.Response.StatusCode = bad.StatusCode;
            var detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? ApiMessages.BodyTooLarge : "Bad request.";
            await httpContext.Response.WriteAsJsonAsync(new ApiDetail(detail), cancellationToken);
            return true;
        }
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is listening for an answer.
            return true;
        }

        LogUnexpected(logger, exception, httpContext.Request.Method, httpContext.GetEndpoint()?.DisplayName);
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = null,
            ProblemDetails = { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in {Method} {Endpoint}")]
    static partial void LogUnexpected(ILogger logger, Exception exception, string method, string? endpoint);
}
