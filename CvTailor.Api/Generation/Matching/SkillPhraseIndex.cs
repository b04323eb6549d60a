using System.Collections.Concurrent;
using System.Numerics.Tensors;
using CvTailor.Api.Generation.Taxonomy;

namespace CvTailor.Api.Generation.Matching;

/// <summary>
/// The taxonomy's names and aliases as vectors of one model, so a posting's own keyword that no alias matches can
/// still be read as the skill it names in other words ("query performance" as query optimisation). A phrase resolves
/// to a skill only when one of that skill's names is close (<see cref="RankingOptions.KeywordSkillThreshold"/>) and
/// clearly closer than any other skill's (<see cref="RankingOptions.KeywordSkillMargin"/>): a phrase between two
/// skills stays the posting's own keyword.
/// </summary>
public sealed class SkillPhraseIndex
{
    const int BatchSize = 64;

    const int MaxRemembered = 20_000;

    readonly int[] _skills;
    readonly float[][] _vectors; // unit length, so a dot product is the cosine
    readonly int _dimensions;
    readonly ConcurrentDictionary<string, Nearness> _nearest = new(StringComparer.Ordinal);

    SkillPhraseIndex(int[] skills, float[][] vectors)
    {
        _skills = skills;
        _dimensions = vectors.Length > 0 ? vectors[0].Length : 0;
        _vectors = [.. vectors.Select(v => TensorPrimitives.Norm(v) is var n && n > 0 && v.Length == _dimensions
            ? v.Select(x => x / n).ToArray()
            : new float[_dimensions])];
    }

    /// <summary>Names and aliases in the index.</summary>
    public int Count => _vectors.Length;

    /// <summary>Every name and alias of <paramref name="taxonomy"/> with the skill it names, in a fixed order.</summary>
    public static IReadOnlyList<(string Text, int Skill)> Phrases(SkillTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        var phrases = new List<(string, int)>();
        for (var s = 0; s < taxonomy.Count; s++)
        {
            foreach (var text in new[] { taxonomy[s].Name }.Concat(taxonomy[s].Aliases).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                phrases.Add((text, s));
            }
        }
        return phrases;
    }

    /// <summary>Embeds every phrase of <paramref name="taxonomy"/> with <paramref name="embed"/> (see <see cref="SkillPhraseIndexCache"/>).</summary>
    internal static async Task<SkillPhraseIndex> BuildAsync(SkillTaxonomy taxonomy, Func<IReadOnlyList<string>, CancellationToken, Task<float[][]>> embed)
    {
        var phrases = Phrases(taxonomy);
        var vectors = new List<float[]>(phrases.Count);
        // In small batches, each well within an interactive call budget even on a busy machine, and each tried twice.
        // Not the caller's token: the index is shared, and one caller leaving must not fail it for the others.
        foreach (var batch in phrases.Select(p => p.Text).Chunk(BatchSize))
        {
            float[][] embedded;
            try
            {
                embedded = await embed(batch, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                embedded = await embed(batch, CancellationToken.None);
            }
            vectors.AddRange(embedded);
        }
        return new SkillPhraseIndex([.. phrases.Select(p => p.Skill)], [.. vectors]);
    }

    /// <summary>
    /// Per phrase, the skill it names in other words, or null (see the class). Phrases are embedded with
    /// <paramref name="embed"/> only the first time they are seen: a posting's keywords come back with every match.
    /// </summary>
    public async Task<IReadOnlyList<int?>> ResolveAsync(
        IReadOnlyList<string> phrases, Func<IReadOnlyList<string>, CancellationToken, Task<float[][]>> embed,
        double threshold, double margin, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        ArgumentNullException.ThrowIfNull(embed);
        var found = new Dictionary<string, Nearness>(StringComparer.Ordinal);
        var unseen = new List<string>();
        foreach (var phrase in phrases.Distinct(StringComparer.Ordinal))
        {
            if (_nearest.TryGetValue(phrase, out var known))
            {
                found[phrase] = known;
            }
            else
            {
                unseen.Add(phrase);
            }
        }
        if (unseen.Count > 0)
        {
            var vectors = await embed(unseen, ct);
            if (_nearest.Count + unseen.Count > MaxRemembered)
            {
                _nearest.Clear();
            }
            for (var i = 0; i < unseen.Count; i++)
            {
                found[unseen[i]] = _nearest[unseen[i]] = Nearest(vectors[i]);
            }
        }
        return [.. phrases.Select(p => Accept(found[p], threshold, margin))];
    }

    static int? Accept(Nearness nearest, double threshold, double margin) =>
        nearest.Skill >= 0 && nearest.Similarity >= threshold && nearest.Gap >= margin ? nearest.Skill : null;

    /// <summary>The closest skill to <paramref name="vector"/>, its similarity and its lead over the next skill.</summary>
    Nearness Nearest(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm == 0 || vector.Length != _dimensions)
        {
            return new Nearness(-1, 0, 0);
        }
        var query = new float[vector.Length];
        TensorPrimitives.Divide(vector, norm, query);
        int best = -1, second = -1;
        float bestSim = float.MinValue, secondSim = float.MinValue;
        for (var i = 0; i < _vectors.Length; i++)
        {
            var sim = TensorPrimitives.Dot(query, _vectors[i]);
            var skill = _skills[i];
            if (skill == best)
            {
                bestSim = Math.Max(bestSim, sim);
            }
            else if (sim > bestSim)
            {
                (second, secondSim) = (best, bestSim);
                (best, bestSim) = (skill, sim);
            }
            else if (sim > secondSim)
            {
                (second, secondSim) = (skill, sim);
            }
        }
        return new Nearness(best, bestSim, second < 0 ? float.MaxValue : bestSim - secondSim);
    }

    /// <summary>A phrase's closest skill (-1: none), its similarity and its lead over the next skill.</summary>
    readonly record struct Nearness(int Skill, float Similarity, float Gap);
}
