using CvTailor.SentenceEncoder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CvTailor.Embeddings.Models;

public static class UseLiteServiceCollectionExtensions
{
    /// <summary>
    /// Registers the local Universal Sentence Encoder Lite generator (options from <c>Embeddings:Local</c>) as a
    /// singleton, and as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> unless one is registered already.
    /// Checks Unicode normalization right away, so a host without ICU fails at start-up.
    /// </summary>
    public static IServiceCollection AddLocalUseLite(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        UnicodeNormalizationCheck.EnsureAvailable();
        services.AddOptions<UseLiteOptions>()
            .Bind(configuration.GetSection(UseLiteOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<LocalUseLiteEmbeddingGenerator>();
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(
            sp => sp.GetRequiredService<LocalUseLiteEmbeddingGenerator>());
        return services;
    }
}
