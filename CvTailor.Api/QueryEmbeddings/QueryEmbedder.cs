using CvTailor.Api.QueryEmbeddings;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.QueryEmbeddings;

/// <summary>
/// Semantic matching's view of the Api's shared <see cref="QueryEmbeddingGenerator"/> (same endpoint, model, cache
/// and time limit as artifact search), plus matching's own switch <c>Generation:Semantic:Enabled</c>.
/// </summary>
public sealed class QueryEmbedder(QueryEmbeddingGenerator generator, IOptions<SemanticOptions> options)
{
    /// <summary>The model as far as known without a call (configured, else last learned, else the default).</summary>
    public string Model => generator.KnownModel;

    /// <summary>False when no endpoint is configured.</summary>
    public bool IsConfigured => generator.IsConfigured;

    public bool IsEnabled => options.Value.Enabled;

    /// <summary>The model stored vectors must be of (may ask the endpoint; throws <see cref="QueryEmbeddingException"/>).</summary>
    public Task<string> ResolveModelAsync(CancellationToken ct) => generator.ResolveModelAsync(ct);

    /// <summary>Vectors for <paramref name="texts"/> in order, and the model that made them; throws <see cref="QueryEmbeddingException"/>.</summary>
    public async Task<(string Model, float[][] Vectors)> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct)
    {
        var embeddings = await generator.GenerateAsync(texts, cancellationToken: ct);
        var models = embeddings.Select(e => e.ModelId ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (models.Count != 1)
        {
            throw new QueryEmbeddingException($"The query vectors came from {models.Count} models ({string.Join(", ", models)}).");
        }
        return (models[0], [.. embeddings.Select(e => e.Vector.ToArray())]);
    }

    /// <summary>
    /// Vectors of <paramref name="model"/> only: a service that has switched models since must not mix two models in
    /// one comparison (throws <see cref="QueryEmbeddingException"/>, as for an unreachable service).
    /// </summary>
    public async Task<float[][]> EmbedOfModelAsync(IReadOnlyList<string> texts, string model, CancellationToken ct)
    {
        var (vectorModel, vectors) = await EmbedAsync(texts, ct);
        return string.Equals(vectorModel, model, StringComparison.Ordinal)
            ? vectors
            : throw new QueryEmbeddingException($"The embeddings service answered with model '{vectorModel}', not '{model}'.");
    }
}
