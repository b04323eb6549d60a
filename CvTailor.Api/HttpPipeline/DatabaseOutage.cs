namespace CvTailor.Api.HttpPipeline;

/// <summary>
/// The Api's side of a database outage: while <see cref="DatabaseAvailability"/> knows PostgreSQL is away, <c>/api</c>
/// requests get 503 problem details with Retry-After at once; requests already running are cancelled when an outage
/// is detected (their <see cref="HttpContext.RequestAborted"/> is linked to <see cref="DatabaseAvailability.OutageToken"/>)
/// and answered the same way by <see cref="UnexpectedErrorHandler"/>.
/// <para>
/// Writes: a request either committed and gets its normal answer, or gets an error. The one ambiguous case, as with any
/// database client, is a COMMIT sent just before the connection broke: the server may have committed while the
/// client gets 503. EF retries are off by default (<see cref="DatabaseResilienceOptions.MaxRetryCount"/>), so such a
/// write is never run twice by the Api itself; a client retrying a create after a 503 should look first.
/// </para>
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Seconds a client should wait; the probe sees a returning server within a fraction of that.</summary>
    public const int RetryAfterSeconds = 2;

    public const string Title = "The database is unavailable. Try again shortly.";

    static readonly object ClientAbortedKey = new();

    public static WebApplication UseDatabaseOutageGate(this WebApplication app)
    {
        var availability = app.Services.GetRequiredService<DatabaseAvailability>();
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                await next(context);
                return;
            }
            if (!availability.IsAvailable)
            {
                await WriteAsync(context);
                return;
            }
            var clientAborted = context.RequestAborted;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(clientAborted, availability.OutageToken);
            context.Items[ClientAbortedKey] = clientAborted;
            context.RequestAborted = linked.Token;
            try
            {
                await next(context);
            }
            finally
            {
                context.RequestAborted = clientAborted;
            }
        });
        return app;
    }

    /// <summary>True when <paramref name="exception"/> means "no database right now" rather than a bug.</summary>
    public static bool IsOutage(HttpContext context, Exception exception, DatabaseAvailability availability)
    {
        if (exception is OperationCanceledException)
        {
            var clientAborted = context.Items[ClientAbortedKey] is CancellationToken token ? token : context.RequestAborted;
            return !clientAborted.IsCancellationRequested && !availability.IsAvailable;
        }
        return DatabaseAvailability.IsUnavailableError(exception);
    }

    public static Task WriteAsync(HttpContext context) => ServiceUnavailable.WriteAsync(context, Title, RetryAfterSeconds);
}
