using System.Globalization;
using System.Threading.RateLimiting;
using CvTailor.Api.DrfContract;
using Microsoft.AspNetCore.RateLimiting;

namespace CvTailor.Api.HttpPipeline;

/// <summary>One fixed-window limit, per client IP address.</summary>
public sealed class FixedWindowLimit
{
    public int PermitLimit { get; set; } = 10;
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>Configuration section <c>Api:RateLimits</c> (tests lower or raise these).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Api:RateLimits";

    /// <summary>Login, register, password change/reset, Google sign-in: a brute-force brake.</summary>
    public FixedWindowLimit Auth { get; set; } = new();

    /// <summary><c>/token/refresh/</c> per client address: a brake on refresh storms from one machine.</summary>
    public FixedWindowLimit Refresh { get; set; } = new() { PermitLimit = 120 };

    /// <summary><c>/token/refresh/</c> per refresh-token family (one login), counted once the token is verified.</summary>
    public FixedWindowLimit RefreshFamily { get; set; } = new() { PermitLimit = 20 };
}

/// <summary>
/// Named rate-limit policies (<c>.RequireRateLimiting(RateLimits.AuthPolicy)</c>). Rejections are
/// <c>429 {"detail": "Request was throttled. Expected available in N seconds."}</c> with <c>Retry-After</c>, DRF's
/// throttling shape. The partition is the client IP and the route, so one route's budget does not consume another's.
/// The IP is the connection's: behind a reverse proxy, configure forwarded headers for the proxy's address.
/// </summary>
public static class RateLimits
{
    public const string AuthPolicy = "auth";
    public const string RefreshPolicy = "refresh";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(AuthPolicy, context => FixedWindowPerClient(context, options.Auth));
            limiter.AddPolicy(RefreshPolicy, context => FixedWindowPerClient(context, options.Refresh));
            limiter.OnRejected = async (rejected, ct) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : options.Auth.WindowSeconds;
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await response.WriteAsJsonAsync(new ApiDetail(ApiMessages.Throttled(seconds)), ct);
            };
        });
        return services;
    }

    /// <summary>Documents the 429 on every endpoint of the group that has a rate-limit policy.</summary>
    public static TBuilder DescribeThrottling<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<EnableRateLimitingAttribute>().Any())
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(ApiDetail), ["application/json"]));
            }
        });
        return builder;
    }

    static RateLimitPartition<string> FixedWindowPerClient(HttpContext context, FixedWindowLimit limit)
    {
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        return RateLimitPartition.GetFixedWindowLimiter($"{client}|{route}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = TimeSpan.FromSeconds(limit.WindowSeconds),
            QueueLimit = 0,
        });
    }
}
