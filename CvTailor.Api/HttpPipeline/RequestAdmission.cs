using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.HttpPipeline;

/// <summary>Configuration section <c>Api:Admission</c>.</summary>
public sealed class AdmissionOptions
{
    public const string Section = "Api:Admission";

    /// <summary>
    /// <c>/api</c> requests handled at once; the rest wait their turn, oldest first. 0 = twice the cores; a negative
    /// value turns the bound off.
    /// </summary>
    public int ConcurrentRequests { get; set; }

    /// <summary>Requests that may wait; one more is answered 503 with Retry-After.</summary>
    public int QueueLimit { get; set; } = 1000;

    public int EffectiveConcurrentRequests => ConcurrentRequests == 0 ? 2 * Environment.ProcessorCount : ConcurrentRequests;
}

/// <summary>
/// Bounded admission for <c>/api</c>. The Api's requests are short and spend their time on the CPU, in this process or
/// in PostgreSQL on the same machine, so past a few at once more of them only share the cores, each backend and
/// thread costing a little more (api-bench artifact-processing on 2 cores, 32 clients: CPU per artifact median 30 ms
/// unbounded against 25 ms with 4 at a time, and 32 clients no longer slower than 8 on average). Waiting requests queue here,
/// in order, holding no connection; a full queue is a 503 with Retry-After rather than an ever longer wait. Health
/// endpoints are outside <c>/api</c> and never wait. Endpoints marked <see cref="RequestAdmission.ExemptFromAdmission{TBuilder}"/>
/// take no slot: uploads, because how long they would hold one is set by the client's upload speed, and the
/// password endpoints, which queue for a hash slot of their own. A client that leaves while queued gives its place up.
/// </summary>
public sealed class AdmissionGate : IDisposable
{
    static readonly Meter Meter = new(CvTailorTelemetry.Api);

    static readonly UpDownCounter<long> Queued = Meter.CreateUpDownCounter<long>(
        TelemetryNames.Instruments.AdmissionQueued, unit: "{request}", description: "/api requests waiting for a slot.");

    static readonly Histogram<double> Wait = Meter.CreateHistogram<double>(
        TelemetryNames.Instruments.AdmissionWait, unit: "s", description: "Time an admitted /api request waited for its slot.");

    static readonly Counter<long> Rejected = Meter.CreateCounter<long>(
        TelemetryNames.Instruments.AdmissionRejected, unit: "{request}", description: "/api requests turned away with 503: the wait queue was full.");

    readonly ConcurrencyLimiter? _limiter;

    public AdmissionGate(IOptions<AdmissionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var slots = options.Value.EffectiveConcurrentRequests;
        if (slots > 0)
        {
            _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = slots,
                QueueLimit = options.Value.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        }
    }

    public bool Enabled => _limiter is not null;

    /// <summary>Slots free and requests waiting now (null when the bound is off).</summary>
    public RateLimiterStatistics? Statistics => _limiter?.GetStatistics();

    /// <summary>A slot, waiting for one if need be; a lease that is not acquired means the queue was full.</summary>
    public async ValueTask<RateLimitLease> EnterAsync(CancellationToken ct)
    {
        var limiter = _limiter ?? throw new InvalidOperationException("Admission is off.");
        // Most requests find a free slot: no queue bookkeeping for them.
        var lease = limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            Wait.Record(0);
            return lease;
        }
        lease.Dispose();
        var started = Stopwatch.GetTimestamp();
        Queued.Add(1);
        try
        {
            lease = await limiter.AcquireAsync(1, ct);
        }
        finally
        {
            Queued.Add(-1);
        }
        if (lease.IsAcquired)
        {
            Wait.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        else
        {
            Rejected.Add(1);
        }
        return lease;
    }

    public void Dispose() => _limiter?.Dispose();
}

/// <summary>Wiring of <see cref="AdmissionGate"/> into the pipeline.</summary>
public static class RequestAdmission
{
    public const string BusyTitle = "The server is busy. Try again shortly.";

    /// <summary>Seconds a client turned away should wait: the queue drains in well under that.</summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>The endpoint takes no admission slot (see <see cref="AdmissionGate"/>).</summary>
    public static TBuilder ExemptFromAdmission<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(Exempt.Instance);

    public static IServiceCollection AddRequestAdmission(this IServiceCollection services)
    {
        services.AddOptions<AdmissionOptions>().BindConfiguration(AdmissionOptions.Section)
            .Validate(o => o.QueueLimit >= 0, $"{AdmissionOptions.Section}:QueueLimit must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<AdmissionGate>();
        return services;
    }

    /// <summary>Runs after routing (it reads the endpoint's metadata).</summary>
    public static WebApplication UseRequestAdmission(this WebApplication app)
    {
        var gate = app.Services.GetRequiredService<AdmissionGate>();
        if (!gate.Enabled)
        {
            return app;
        }
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                || context.GetEndpoint()?.Metadata.GetMetadata<Exempt>() is not null)
            {
                await next(context);
                return;
            }
            using var lease = await gate.EnterAsync(context.RequestAborted);
            if (!lease.IsAcquired)
            {
                await ServiceUnavailable.WriteAsync(context, BusyTitle, RetryAfterSeconds);
                return;
            }
            await next(context);
        });
        return app;
    }

    sealed class Exempt
    {
        public static readonly Exempt Instance = new();
    }
}
