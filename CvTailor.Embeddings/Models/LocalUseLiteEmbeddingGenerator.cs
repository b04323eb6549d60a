using CvTailor.SentenceEncoder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace CvTailor.Embeddings.Models;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over the local Universal Sentence Encoder Lite:
/// offline, 512 dimensions, unit vectors. Each text is embedded from its first 128 tokens; an empty text yields
/// the model's empty-input vector (see <see cref="UseLiteModel.Embed"/>). Usage counts the tokens the model read.
/// </summary>
public sealed class LocalUseLiteEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>Recorded with every vector so vectors of different models are never compared.</summary>
    public const string ModelId = UseLiteModel.Id;

    public const string ProviderName = "cvtailor-local";

    readonly UseLiteRunOptions _runOptions;
    readonly EmbeddingGeneratorMetadata _metadata;

    public LocalUseLiteEmbeddingGenerator(IOptions<UseLiteOptions> options)
        : this(LoadModel(options), options.Value.ToRunOptions())
    {
    }

    public LocalUseLiteEmbeddingGenerator(UseLiteModel model, UseLiteRunOptions? runOptions = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _runOptions = runOptions ?? UseLiteRunOptions.Default;
        _metadata = new EmbeddingGeneratorMetadata(ProviderName, null, ModelId, UseLiteModel.Dimensions);
    }

    public UseLiteModel Model { get; }

    static UseLiteModel LoadModel(IOptions<UseLiteOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        UseLiteModel model;
        try
        {
            model = UseLiteModel.Load(UseLiteModelDirectory.Resolve(options.Value.ModelDirectory));
        }
        catch (FileNotFoundException e)
        {
            // The library names the fetch script; the service also names its own setting.
            throw new FileNotFoundException(
                $"{e.Message} This service reads the directory from {UseLiteOptions.SectionName}:ModelDirectory.", e.FileName, e);
        }
        model.WarmUp(options.Value.ToRunOptions());
        return model;
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.ModelId is { } requested && requested != ModelId)
        {
            throw new ArgumentException($"This generator serves model '{ModelId}', not '{requested}'.", nameof(options));
        }
        if (options?.Dimensions is { } dimensions && dimensions != UseLiteModel.Dimensions)
        {
            throw new ArgumentException(
                $"Model '{ModelId}' produces {UseLiteModel.Dimensions} dimensions, not {dimensions}.", nameof(options));
        }
        cancellationToken.ThrowIfCancellationRequested();

        var texts = values as IReadOnlyList<string> ?? [.. values];
        var tokens = Model.Tokenize(texts, _runOptions, cancellationToken);
        var inputTokens = tokens.Sum(t => (long)Math.Min(t.Length, UseLiteModel.MaxTokens));
        var vectors = Model.EmbedTokens(tokens, _runOptions, cancellationToken);

        var created = DateTimeOffset.UtcNow;
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Length)
        {
            Usage = new UsageDetails { InputTokenCount = inputTokens, TotalTokenCount = inputTokens },
        };
        foreach (var vector in vectors)
        {
            result.Add(new Embedding<float>(vector) { ModelId = ModelId, CreatedAt = created });
        }
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType == typeof(UseLiteModel) ? Model
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // Nothing to release: the model is managed memory.
    }
}
