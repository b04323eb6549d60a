using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.HttpPipeline;

/// <summary>Configuration section <c>Api:Limits</c>.</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "Api:Limits";

    /// <summary>Body limit for every endpoint without its own (<see cref="RequestBodyLimits.WithRequestBodyLimit{TBuilder}"/>).</summary>
    public long DefaultMaxBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>
/// Per-endpoint request body limits. Every request gets <see cref="RequestLimitsOptions.DefaultMaxBodyBytes"/>
/// (1 MiB: plenty for JSON); upload endpoints opt into more with <c>.WithRequestBodyLimit(bytes)</c> (or any
/// <see cref="IRequestSizeLimitMetadata"/>). Reading past the limit fails with 413.
/// </summary>
public static class RequestBodyLimits
{
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder builder, long maxBytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyLimitMetadata(maxBytes));

    /// <summary>Runs after routing (it reads the endpoint) and before anything reads the body.</summary>
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (feature is { IsReadOnly: false })
            {
                var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
                feature.MaxRequestBodySize = limit
                    ?? context.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.DefaultMaxBodyBytes;
            }
            return next(context);
        });

    sealed record RequestBodyLimitMetadata(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
