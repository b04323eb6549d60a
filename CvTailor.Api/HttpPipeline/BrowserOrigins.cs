using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace CvTailor.Api.HttpPipeline;

/// <summary>Configuration section <c>Cors</c>: the browser origins allowed to call the Api.</summary>
public sealed class BrowserOriginsOptions
{
    public const string Section = "Cors";

    /// <summary>The original React client's dev servers, allowed in Development when nothing is configured.</summary>
    public static readonly string[] DevelopmentDefaults = ["http://localhost:3000", "http://localhost:3001"];

    /// <summary>Exact origins (<c>scheme://host[:port]</c>); empty = no cross-origin browser access.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>
/// CORS as the original's django-cors-headers did it: listed origins only, with credentials, the Authorization
/// header and django-cors-headers' default request headers and methods; preflights are answered by the middleware
/// before authentication and throttling. Any other origin gets no CORS headers at all, so the browser refuses.
/// </summary>
public static class BrowserOrigins
{
    const string PolicyName = "browser-origins";

    // django-cors-headers' defaults; Retry-After, Retry-After-Ms and Content-Disposition are exposed so a client can
    // honour 429s and status hints and name downloads.
    static readonly string[] s_requestHeaders =
        ["accept", "accept-encoding", "authorization", "content-type", "dnt", "origin", "user-agent", "x-csrftoken", "x-requested-with"];
    static readonly string[] s_methods = ["DELETE", "GET", "OPTIONS", "PATCH", "POST", "PUT"];
    static readonly string[] s_exposedHeaders = [HeaderNames.RetryAfter, RetryHint.MillisecondsHeader, HeaderNames.ContentDisposition];

    public static WebApplicationBuilder AddBrowserOrigins(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(BrowserOriginsOptions.Section).Get<BrowserOriginsOptions>() ?? new();
        var origins = options.AllowedOrigins.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim().TrimEnd('/')).ToArray();
        if (origins.Length == 0 && builder.Environment.IsDevelopment())
        {
            origins = BrowserOriginsOptions.DevelopmentDefaults;
        }
        builder.Services.AddCors(cors => cors.AddPolicy(PolicyName, new CorsPolicyBuilder()
            .WithOrigins(origins)
            .AllowCredentials()
            .WithHeaders(s_requestHeaders)
            .WithMethods(s_methods)
            .WithExposedHeaders(s_exposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromDays(1))
            .Build()));
        return builder;
    }

    public static IApplicationBuilder UseBrowserOrigins(this IApplicationBuilder app) => app.UseCors(PolicyName);
}
