using CvTailor.Api.Generation.Taxonomy;

namespace CvTailor.RankingEvaluation;

/// <summary>
/// A generalisation check for the taxonomy: the document without the aliases (and word variants) that occur in some
/// texts, typically the dev set's vocabulary-shift postings. Some aliases were written while reading those postings,
/// so the figures with them held out show what the ranking does with wording the taxonomy has never seen, which is
/// what a held-out set brings. Skill names, implications and related terms stay: they are the taxonomy's structure,
/// not one posting's paraphrase.
/// </summary>
public static class AliasHoldOut
{
    public sealed record Result(TaxonomyDocument Document, IReadOnlyList<string> RemovedAliases, IReadOnlyList<string> RemovedWordVariants);

    public static Result Without(TaxonomyDocument document, IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(texts);
        var shipped = new SkillTaxonomy(document);
        var tokenized = texts.Select(shipped.Analyzer.Tokenize).ToList();
        var words = tokenized.SelectMany(t => t).Select(t => t.Surface.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var variants = document.WordVariants.Where(kv => !words.Contains(kv.Key.ToLowerInvariant()))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var removedVariants = document.WordVariants.Keys.Where(k => !variants.ContainsKey(k)).ToList();

        var removed = new List<string>();
        var skills = new List<SkillDefinition>(document.Skills.Count);
        foreach (var skill in document.Skills)
        {
            var kept = new List<string>();
            foreach (var alias in skill.Aliases)
            {
                // The alias alone, compiled with the skill's own matching rules (case, ambiguity), looked for in the texts.
                var probe = new SkillTaxonomy(new TaxonomyDocument
                {
                    WordVariants = document.WordVariants,
                    Skills = [skill with { Name = alias, Aliases = [], Implies = [], Related = [] }],
                });
                if (tokenized.Any(t => probe.FindMentions(t).Count > 0))
                {
                    removed.Add($"{skill.Name}: {alias}");
                }
                else
                {
                    kept.Add(alias);
                }
            }

            skills.Add(skill with { Aliases = kept });
        }

        return new Result(document with { WordVariants = variants, Skills = skills }, removed, removedVariants);
    }
}
