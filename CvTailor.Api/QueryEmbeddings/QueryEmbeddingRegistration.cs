using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.QueryEmbeddings;

public static class QueryEmbeddingRegistration
{
    /// <summary>
    /// Registers <see cref="QueryEmbeddingGenerator"/> (also as <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/>),
    /// its options and cache, and its HTTP client. Every area that embeds queries calls this; the second call is a no-op.
    /// </summary>
    public static WebApplicationBuilder AddQueryEmbeddings(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(QueryEmbeddingGenerator)))
        {
            return builder;
        }
        services.AddOptions<QueryEmbeddingOptions>()
            .Configure<IConfiguration>((o, configuration) => LegacyQueryEmbeddingKeys.Apply(o, configuration))
            .BindConfiguration(QueryEmbeddingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<QueryEmbeddingOptions>>().Value;
            return new QueryVectorCache(options.CacheEntries, options.CacheSlidingExpiration);
        });
        services.AddSingleton<QueryEmbeddingGenerator>();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => sp.GetRequiredService<QueryEmbeddingGenerator>());
        // One time limit per call (QueryEmbeddingOptions.Timeout) instead of the defaults' retries: both callers have
        // an answer without vectors, and retries would delay every failure by seconds. HTTP client spans still apply.
#pragma warning disable EXTEXP0001 // Evaluation API.
        services.AddHttpClient(QueryEmbeddingGenerator.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return builder;
    }
}
