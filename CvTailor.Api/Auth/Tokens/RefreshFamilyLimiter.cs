using System.Threading.RateLimiting;
using CvTailor.Api.HttpPipeline;

namespace CvTailor.Api.Auth.Tokens;

/// <summary>
/// The per-family half of the refresh throttle (<c>Api:RateLimits:RefreshFamily</c>); the per-address half is the
/// <see cref="RateLimits.RefreshPolicy"/> endpoint policy. The family is inside the signed token, so it can only be
/// counted once the body is read and the signature checked: forged tokens never create partitions.
/// </summary>
public sealed class RefreshFamilyLimiter : IDisposable
{
    readonly PartitionedRateLimiter<string> _limiter;

    public RefreshFamilyLimiter(IConfiguration configuration)
    {
        var limit = (configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new()).RefreshFamily;
        _limiter = PartitionedRateLimiter.Create<string, string>(family => RateLimitPartition.GetFixedWindowLimiter(family,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = TimeSpan.FromSeconds(limit.WindowSeconds), QueueLimit = 0 }));
        WindowSeconds = limit.WindowSeconds;
    }

    int WindowSeconds { get; }

    /// <summary>Null when the family may refresh now, else the seconds to wait.</summary>
    public int? TryAcquire(string family)
    {
        using var lease = _limiter.AttemptAcquire(family);
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : WindowSeconds;
    }

    public void Dispose() => _limiter.Dispose();
}
