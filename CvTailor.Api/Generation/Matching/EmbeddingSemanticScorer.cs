using System.Collections.Concurrent;
using CvTailor.Api.Generation.Taxonomy;
using Microsoft.Extensions.AI;

namespace CvTailor.Api.Generation.Matching;

/// <summary>
/// <see cref="ISemanticScorer"/> over any <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> (the local USE-Lite
/// model or a hosted one). Each artifact sentence is embedded once and cached by its text, so re-ranking the same
/// artifacts for another posting only embeds the posting's lines.
/// </summary>
public sealed class EmbeddingSemanticScorer(IEmbeddingGenerator<string, Embedding<float>> generator, string modelId, int cacheLimit = 50_000)
    : ISemanticScorer
{
    readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);
    readonly SkillPhraseIndexCache _indexes = new();

    public string ModelId => modelId;

    public async Task<SemanticScores> ScoreAsync(
        IReadOnlyList<string> queries, IReadOnlyList<ArtifactProfile> artifacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(artifacts);
        var texts = queries.Concat(artifacts.SelectMany(a => a.Sentences)).Distinct(StringComparer.Ordinal).ToList();
        await EnsureEmbeddedAsync(texts, cancellationToken);

        var queryVectors = queries.Select(q => _cache[q]).ToArray();
        var similarity = new float[artifacts.Count][];
        var best = new int[artifacts.Count][];
        for (var a = 0; a < artifacts.Count; a++)
        {
            var sentences = artifacts[a].Sentences.Select(s => _cache[s]).ToArray();
            similarity[a] = new float[queries.Count];
            best[a] = new int[queries.Count];
            for (var q = 0; q < queries.Count; q++)
            {
                var max = float.MinValue;
                var arg = 0;
                for (var s = 0; s < sentences.Length; s++)
                {
                    var sim = Cosine(queryVectors[q], sentences[s]);
                    if (sim > max)
                    {
                        max = sim;
                        arg = s;
                    }
                }

                similarity[a][q] = sentences.Length == 0 ? 0 : max;
                best[a][q] = arg;
            }
        }

        return new SemanticScores(similarity, best);
    }

    public async Task<IReadOnlyList<int?>> ResolveSkillsAsync(
        IReadOnlyList<string> phrases, SkillTaxonomy taxonomy, double threshold, double margin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        if (phrases.Count == 0)
        {
            return [];
        }
        var index = await _indexes.GetAsync(taxonomy, modelId, EmbedAsync, cancellationToken);
        return await index.ResolveAsync(phrases, EmbedAsync, threshold, margin, cancellationToken);
    }

    async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var distinct = texts.Distinct(StringComparer.Ordinal).ToList();
        await EnsureEmbeddedAsync(distinct, cancellationToken);
        return [.. texts.Select(t => _cache[t])];
    }

    async Task EnsureEmbeddedAsync(List<string> texts, CancellationToken cancellationToken)
    {
        var missing = texts.Where(t => !_cache.ContainsKey(t)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        if (_cache.Count + missing.Count > cacheLimit)
        {
            _cache.Clear();
        }

        var embeddings = await generator.GenerateAsync(missing, cancellationToken: cancellationToken);
        for (var i = 0; i < missing.Count; i++)
        {
            _cache[missing[i]] = embeddings[i].Vector.ToArray();
        }

        // The clear above may have dropped vectors the caller still needs; embed those again.
        if (texts.Any(t => !_cache.ContainsKey(t)))
        {
            await EnsureEmbeddedAsync(texts, cancellationToken);
        }
    }

    static float Cosine(float[] x, float[] y)
    {
        var n = Math.Min(x.Length, y.Length);
        double dot = 0, nx = 0, ny = 0;
        for (var i = 0; i < n; i++)
        {
            dot += x[i] * y[i];
            nx += x[i] * x[i];
            ny += y[i] * y[i];
        }

        return nx == 0 || ny == 0 ? 0f : (float)(dot / Math.Sqrt(nx * ny));
    }
}
