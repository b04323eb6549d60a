using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CvTailor.Api.Generation.Taxonomy;

namespace CvTailor.Api.Generation.Matching;

/// <summary>
/// One <see cref="SkillPhraseIndex"/> per taxonomy instance and model, built on first use and kept as long as the
/// taxonomy is. One cache per host (a singleton in the Api), so a build runs through that host's own embeddings client.
/// </summary>
public sealed class SkillPhraseIndexCache
{
    readonly ConditionalWeakTable<SkillTaxonomy, ConcurrentDictionary<string, Task<SkillPhraseIndex>>> _built = [];

    /// <summary>
    /// The index of <paramref name="taxonomy"/> for <paramref name="model"/>, embedding its phrases with
    /// <paramref name="embed"/> the first time (a failed build is not kept, so the next call tries again).
    /// </summary>
    public async Task<SkillPhraseIndex> GetAsync(
        SkillTaxonomy taxonomy, string model, Func<IReadOnlyList<string>, CancellationToken, Task<float[][]>> embed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(embed);
        var byModel = _built.GetValue(taxonomy, _ => new ConcurrentDictionary<string, Task<SkillPhraseIndex>>(StringComparer.Ordinal));
        var task = byModel.GetOrAdd(model, _ => SkillPhraseIndex.BuildAsync(taxonomy, embed));
        try
        {
            return await task.WaitAsync(ct);
        }
        catch (Exception) when (task.IsFaulted || task.IsCanceled)
        {
            byModel.TryRemove(new KeyValuePair<string, Task<SkillPhraseIndex>>(model, task));
            throw;
        }
    }
}
