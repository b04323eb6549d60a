using System.Globalization;
using CvTailor.Api.DrfContract;
using CvTailor.Api.Endpoints;

namespace CvTailor.Api.HttpPipeline;

/// <summary>
/// Per-user hourly quotas for the expensive starts (generations, exports), counted from the rows themselves, so every
/// replica enforces the same budget without shared state. The original's decorators (10 generations and 20 exports
/// an hour) were commented out; our defaults are looser and configurable (0 turns a quota off). Over quota:
/// DRF's throttling answer, <c>429 {"detail": "Request was throttled. Expected available in N seconds."}</c>
/// with <c>Retry-After</c>.
/// </summary>
public static class HourlyQuota
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>Null when another start is allowed; else the 429 to return.</summary>
    public static async Task<TooManyRequestsJson<ApiDetail>?> CheckAsync(
        int limit, DateTime now, Func<DateTime, CancellationToken, Task<List<DateTime>>> startsSince, HttpContext context, CancellationToken ct)
    {
        if (limit <= 0)
        {
            return null;
        }
        var starts = await startsSince(now - Window, ct);
        if (starts.Count < limit)
        {
            return null;
        }
        // The window frees a slot when the oldest start that still counts leaves it.
        var oldest = starts.Order().ElementAt(starts.Count - limit);
        var seconds = Math.Max(1, (int)Math.Ceiling((oldest + Window - now).TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return new TooManyRequestsJson<ApiDetail>(new ApiDetail(ApiMessages.Throttled(seconds)));
    }
}
