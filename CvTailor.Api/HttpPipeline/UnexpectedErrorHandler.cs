using CvTailor.Api.DrfContract;
using Microsoft.AspNetCore.Diagnostics;

namespace CvTailor.Api.HttpPipeline;

/// <summary>
/// The last line: a client error the framework raised (bad request, body too large) keeps its status with a
/// <c>{"detail"}</c> body; an unreachable database is 503 with Retry-After (<see cref="DatabaseOutage"/>); anything
/// else is logged and answered with a bare 500 problem details (no exception text, no stack trace).
/// </summary>
public sealed partial class UnexpectedErrorHandler(
    IProblemDetailsService problemDetails, DatabaseAvailability database, ILogger<UnexpectedErrorHandler> logger)
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
        if (DatabaseOutage.IsOutage(httpContext, exception, database))
        {
            // Not a bug: PostgreSQL is away. The probe looks at once; the client is told when to try again.
            database.ReportFailure(exception);
            LogDatabaseUnavailable(logger, httpContext.Request.Method, httpContext.GetEndpoint()?.DisplayName, exception.GetType().Name);
            await DatabaseOutage.WriteAsync(httpContext);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Endpoint}: database unavailable ({Exception}), answered 503")]
    static partial void LogDatabaseUnavailable(ILogger logger, string method, string? endpoint, string exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in {Method} {Endpoint}")]
    static partial void LogUnexpected(ILogger logger, Exception exception, string method, string? endpoint);
}
