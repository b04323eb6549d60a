using Microsoft.Extensions.AI;
using CvTailor.Api.Generation.Text;

namespace CvTailor.Api.Generation.Matching;

/// <summary>
/// A small, deterministic, offline embedding: stemmed words and character trigrams hashed into a fixed number of
/// dimensions, L2-normalised. It knows no synonyms, so it is a lexical stand-in (for tests and as a fallback when no
/// model is configured), not a substitute for a sentence encoder.
/// </summary>
public sealed class HashingEmbeddingGenerator(TextAnalyzer analyzer, int dimensions = 512) : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "hashing-ngrams-v1";

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(new Embedding<float>(Embed(value)) { ModelId = ModelId, CreatedAt = null });
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    float[] Embed(string text)
    {
        var vector = new float[dimensions];
        foreach (var token in analyzer.TokenizePhrase(text))
        {
            if (token.IsStopWord)
            {
                continue;
            }

            Add(vector, token.Stem, 1f);
            var padded = $"#{token.Stem}#";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                Add(vector, padded.Substring(i, 3), 0.3f);
            }
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }

        return vector;
    }

    void Add(float[] vector, string feature, float weight)
    {
        // FNV-1a: stable across processes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in feature)
        {
            hash = (hash ^ c) * 16777619u;
        }

        var sign = (hash & 0x80000000u) != 0 ? -1f : 1f;
        vector[(int)(hash % (uint)dimensions)] += sign * weight;
    }
}
