using System.ClientModel;
using CvTailor.SentenceEncoder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace CvTailor.Embeddings.Models.Providers;

public static class EmbeddingProviderServiceCollectionExtensions
{
    /// <summary>
    /// Registers the configured <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (<c>Embeddings:Provider</c> =
    /// <c>local</c> | <c>openai</c>) and its <see cref="EmbeddingModelInfo"/>. Both are singletons; the local model
    /// loads when first resolved (resolve <see cref="EmbeddingModelInfo"/> at start-up to fail fast).
    /// </summary>
    public static IServiceCollection AddEmbeddingProvider(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EmbeddingProviderOptions>()
            .Bind(configuration.GetSection(EmbeddingProviderOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var provider = configuration[$"{EmbeddingProviderOptions.SectionName}:Provider"] ?? EmbeddingProviderKinds.Local;
        switch (provider.Trim().ToLowerInvariant())
        {
            case EmbeddingProviderKinds.Local:
                services.AddLocalUseLite(configuration);
                services.AddSingleton(sp =>
                {
                    var local = sp.GetRequiredService<LocalUseLiteEmbeddingGenerator>();
                    var pack = sp.GetRequiredService<IOptions<UseLiteOptions>>().Value.MaxPackSentences;
                    return new EmbeddingModelInfo(
                        LocalUseLiteEmbeddingGenerator.ModelId, UseLiteModel.Dimensions, Math.Max(pack, 32),
                        new UseLiteTokenCounter(local.Model));
                });
                break;
            case EmbeddingProviderKinds.OpenAi:
                services.AddOptions<OpenAiEmbeddingOptions>()
                    .Bind(configuration.GetSection(OpenAiEmbeddingOptions.SectionName))
                    .ValidateDataAnnotations()
                    .ValidateOnStart();
                services.AddSingleton(CreateOpenAiGenerator);
                services.AddSingleton(sp =>
                {
                    var options = sp.GetRequiredService<IOptions<OpenAiEmbeddingOptions>>().Value;
                    return new EmbeddingModelInfo(options.Model, options.Dimensions, options.MaxBatchSize,
                        new ApproximateTokenCounter(UseLiteModel.MaxTokens), CanShorten: options.SendDimensions);
                });
                break;
            default:
                throw new InvalidOperationException(
                    $"{EmbeddingProviderOptions.SectionName}:Provider must be '{EmbeddingProviderKinds.Local}' or " +
                    $"'{EmbeddingProviderKinds.OpenAi}', not '{provider}'.");
        }
        return services;
    }

    static IEmbeddingGenerator<string, Embedding<float>> CreateOpenAiGenerator(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<OpenAiEmbeddingOptions>>().Value;
        var clientOptions = new OpenAIClientOptions { NetworkTimeout = options.Timeout };
        if (options.Endpoint is not null)
        {
            clientOptions.Endpoint = options.Endpoint;
        }
        // Servers without keys (Ollama, our own service) ignore the header; the SDK insists on a non-empty key.
        var key = string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey;
        var generator = new OpenAIClient(new ApiKeyCredential(key), clientOptions)
            .GetEmbeddingClient(options.Model)
            .AsIEmbeddingGenerator(options.Dimensions);
        if (!options.SendDimensions)
        {
            return generator;
        }
        var dimensions = options.Dimensions;
        return generator.AsBuilder()
            .ConfigureOptions(o => o.Dimensions ??= dimensions)
            .Build(services);
    }
}
