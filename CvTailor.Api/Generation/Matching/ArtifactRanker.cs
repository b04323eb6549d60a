using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using CvTailor.Api.Generation.Model;
using CvTailor.Api.Generation.Parsing;
using CvTailor.Api.Generation.Taxonomy;
using CvTailor.Api.Generation.Text;

namespace CvTailor.Api.Generation.Matching;

/// <summary>
/// Ranks one person's artifacts for a parsed posting. The score is a weighted sum of three visible parts:
/// lexical relevance (BM25 over title, description and technologies), requirement coverage (each requirement line
/// covered through taxonomy skills, through its words, or, only where neither matches, through semantic
/// best-chunk similarity) and recency. Semantic similarity is deliberately not averaged in as a score of its own:
/// on the dev set a whole-text cosine ranks worse than BM25, while as a gap-filler for requirements phrased in
/// other words it helps.
/// </summary>
public sealed class ArtifactRanker(SkillTaxonomy taxonomy, RankingOptions? options = null, ISemanticScorer? semantic = null)
{
    const double K1 = 1.2;
    const double B = 0.75;

    static readonly List<int> NoSkills = [];

    readonly RankingOptions _options = options ?? new RankingOptions();
    readonly ArtifactAnalyzer _analyzer = new(taxonomy);
    readonly TermEvidenceFinder _finder = new(taxonomy);

    public RankingOptions Options => _options;

    /// <summary>Ranks <paramref name="artifacts"/> (restricted to <paramref name="candidateIds"/> when given) and reports keyword coverage.</summary>
    public async Task<MatchResult> MatchAsync(
        ParsedJobDescription job,
        IReadOnlyList<ArtifactDocument> artifacts,
        DateOnly asOf,
        IReadOnlyCollection<string>? candidateIds = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(artifacts);
        var candidates = candidateIds is { Count: > 0 }
            ? artifacts.Where(a => candidateIds.Contains(a.Id)).ToList()
            : [.. artifacts];
        var profiles = candidates.Select(_analyzer.Analyze).ToList();
        var requirements = job.RankedRequirements.ToList();
        var keywords = job.Keywords.Select(k => k.Term).ToList();

        var scores = SemanticScores.Empty;
        var clauses = new List<IReadOnlyList<string>>();
        if (semantic is not null && profiles.Count > 0)
        {
            // The requirement lines, the keywords (the coverage report reads them from requirements.Count on), then each
            // line's clauses for the clause-level alignment.
            clauses = [.. requirements.Select(r => _options.ClauseAlignmentWeight > 0 ? RequirementClauses.Split(r) : [])];
            scores = await semantic.ScoreAsync(
                [.. requirements.Select(r => r.Text), .. keywords, .. clauses.SelectMany(c => c)], profiles, cancellationToken);
        }

        var alignment = RequirementAlignment.Compute(scores, profiles.Count, clauses, requirements.Count + keywords.Count, _options.ClauseAlignmentWeight);
        var ranked = Rank(job, requirements, profiles, alignment, asOf);
        var order = ranked.Select(r => profiles.IndexOf(r.Profile)).ToList();
        var rankedProfiles = ranked.Select(r => r.Profile).ToList();
        var keywordMatches = FindKeywords(job, rankedProfiles, scores.Reorder(order), requirements.Count);
        await FindBySkillMeaningAsync(keywords, keywordMatches, rankedProfiles, cancellationToken);
        var coverage = BuildCoverage(job, keywordMatches);
        return new MatchResult(job, ranked, coverage, semantic?.ModelId);
    }

    /// <summary>Evidence check for arbitrary terms (e.g. a job's screening keywords) against ranked profiles.</summary>
    public async Task<IReadOnlyList<TermMatch?>> FindTermsAsync(
        IReadOnlyList<string> terms, IReadOnlyList<ArtifactProfile> rankedProfiles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(rankedProfiles);
        var scores = semantic is not null && rankedProfiles.Count > 0
            ? await semantic.ScoreAsync(terms, rankedProfiles, cancellationToken)
            : SemanticScores.Empty;
        var matches = terms.Select((t, i) => _finder.Find(t, rankedProfiles, scores, i, _options.KeywordSemanticThreshold)).ToArray();
        await FindBySkillMeaningAsync(terms, matches, rankedProfiles, cancellationToken);
        return matches;
    }

    List<RankedArtifact> Rank(
        ParsedJobDescription job, List<JobRequirement> requirements, List<ArtifactProfile> profiles, RequirementAlignment scores, DateOnly asOf)
    {
        var bm25 = Bm25(job.QueryTerms, profiles);
        var maxBm25 = bm25.DefaultIfEmpty(0).Max();
        var requirementStems = requirements.Select(ContentStems).ToList();
        var totalWeight = requirements.Sum(r => r.Weight);
        var skillWeight = requirements.Where(r => r.SkillIds.Count > 0).Sum(r => r.Weight);
        var jobSkills = requirements.SelectMany(r => r.SkillIds).ToHashSet();
        var specificity = jobSkills.ToDictionary(
            s => s,
            s => _options.SkillSpecificity
                ? Math.Log(1 + ((profiles.Count + 1.0) / (1 + profiles.Count(p => p.HasSkill(s)))))
                : 1.0);

        // Per requirement, the specificity its skills add up to (the denominator of its skill coverage).
        var requirementSpecificity = requirements.Select(r => r.SkillIds.Count == 0 ? 0 : r.SkillIds.Sum(s => specificity[s])).ToList();
        var alignment = SemanticAlignment(requirements, profiles.Count, scores);
        var askedSkills = requirements.SelectMany(r => r.SkillIds).Concat(job.Keywords.Where(k => k.SkillId is not null).Select(k => k.SkillId!.Value)).ToHashSet();
        var results = new (ArtifactProfile Profile, double Score, ScoreComponents Components, List<CoveredRequirement> Covered, List<string> Skills)[profiles.Count];
        var closureAsked = new ConcurrentDictionary<int, bool>(); // per skill: does it or a broader skill it implies appear in the posting
        // Each artifact's pass reads only shared, unchanging state and writes its own slot, so the artifacts are spread
        // over the cores and the results are the same, in the same order, as one after another.
        ParallelRanking.For(profiles.Count, a =>
        {
            var profile = profiles[a];
            double coverageSum = 0, skillSum = 0;
            var covered = new List<CoveredRequirement>();
            var matchedSkills = new List<string>();
            for (var r = 0; r < requirements.Count; r++)
            {
                var req = requirements[r];
                var present = req.SkillIds.Count == 0 ? NoSkills : req.SkillIds.Where(profile.HasSkill).ToList();
                var skillCov = 0.0;
                var adjacent = -1;
                if (req.SkillIds.Count > 0)
                {
                    // A skill the artifact lacks counts in part when it shows a neighbour of it (adjacent experience).
                    var sum = 0.0;
                    foreach (var s in req.SkillIds)
                    {
                        if (profile.HasSkill(s))
                        {
                            sum += specificity[s];
                        }
                        else if (Adjacent(s, profile) is { Skill: >= 0 } n)
                        {
                            sum += n.Credit * specificity[s];
                            adjacent = adjacent < 0 ? n.Skill : adjacent;
                        }
                    }

                    skillCov = sum / requirementSpecificity[r];
                }

                // A requirement of fewer than two content stems gets no word credit, so its overlap is never used.
                var (lexFrac, lexSentence) = requirementStems[r].Count >= 2 ? LexicalOverlap(requirementStems[r], profile) : (0, 0);
                var lexCov = requirementStems[r].Count >= 2 ? 0.7 * lexFrac : 0;
                var sim = scores.IsEmpty ? 0 : scores.Similarity(a, r);
                var semCov = _options.SemanticCreditFactor
                             * Math.Clamp((sim - _options.SemanticFloor) / (_options.SemanticCeiling - _options.SemanticFloor), 0, 1);

                var cov = Math.Max(skillCov, lexCov);
                var via = skillCov >= lexCov ? (present.Count == 0 && adjacent >= 0 ? "related" : "skill") : "words";
                if (cov < _options.CoveredThreshold && semCov > cov)
                {
                    cov = semCov;
                    via = "semantic";
                }

                coverageSum += req.Weight * cov;
                skillSum += req.Weight * skillCov;
                foreach (var s in present)
                {
                    var name = taxonomy.NameOf(s);
                    if (!matchedSkills.Contains(name))
                    {
                        matchedSkills.Add(name);
                    }
                }

                if (cov >= _options.CoveredThreshold)
                {
                    var evidence = via switch
                    {
                        "skill" => profile.EvidenceText(profile.Skills[present[0]]),
                        "related" => profile.EvidenceText(profile.Skills[adjacent]),
                        "words" => profile.Sentences[lexSentence],
                        _ => profile.Sentences[scores.BestSentence(a, r)],
                    };
                    covered.Add(new CoveredRequirement(req.Id, req.Text, KindName(req.Kind), via, Math.Round(cov, 3),
                        via == "related" ? [taxonomy.NameOf(adjacent)] : [.. present.Select(taxonomy.NameOf)], evidence));
                }
            }

            var focus = Focus(profile, jobSkills, closureAsked);
            var components = new ScoreComponents(
                Lexical: maxBm25 > 0 ? bm25[a] / maxBm25 : 0,
                LexicalRaw: bm25[a],
                Coverage: totalWeight > 0 ? coverageSum / totalWeight : 0,
                SkillCoverage: skillWeight > 0 ? skillSum / skillWeight : 0,
                Semantic: alignment[a],
                Recency: Recency(profile.Artifact, asOf),
                Focus: focus);
            results[a] = (profile, 0, components, covered, matchedSkills);
        });

        // Coverage is scaled to the best candidate, like BM25, so both spread over [0, 1] before weighting.
        var maxCoverage = results.Select(r => r.Components.Coverage).DefaultIfEmpty(0).Max();
        for (var i = 0; i < results.Length; i++)
        {
            var c = results[i].Components;
            var coverage = _options.NormaliseCoverage && maxCoverage > 0 ? c.Coverage / maxCoverage : c.Coverage;
            var score = (_options.LexicalWeight * c.Lexical) + (_options.CoverageWeight * coverage)
                        + (_options.RecencyWeight * c.Recency) + (_options.FocusWeight * c.Focus)
                        + (_options.SemanticWeight * c.Semantic);
            if (IsUnaskedCertification(results[i].Profile, askedSkills))
            {
                score *= _options.UnaskedCertificationFactor;
            }

            results[i] = results[i] with { Score = score, Components = Round(c) };
        }

        var parents = ParentJobs(results.Select(r => r.Profile.Artifact).ToList());
        if (_options.ParentJobShare > 0)
        {
            var own = results.Select(r => r.Score).ToArray();
            for (var i = 0; i < results.Length; i++)
            {
                if (parents[i] is { } p)
                {
                    results[i] = results[i] with { Score = own[i] + (_options.ParentJobShare * own[p]) };
                }
            }
        }

        var ordered = results
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Profile.Id, StringComparer.Ordinal)
            .ToArray();
        var ranked = new RankedArtifact[ordered.Length];
        ParallelRanking.For(ordered.Length, i =>
        {
            var r = ordered[i];
            ranked[i] = new RankedArtifact(
                r.Profile.Id, r.Profile.Artifact.Title, r.Profile.Artifact.ArtifactType, i + 1, Math.Round(r.Score, 4),
                Math.Round(10 * r.Score / WeightSum, 2), r.Components, r.Skills, r.Covered,
                Explain(r.Components, r.Covered, requirements, r.Profile.Artifact, IsUnaskedCertification(r.Profile, askedSkills)),
                r.Profile);
        });
        return [.. ranked];
    }

    /// <summary>
    /// The neighbour of <paramref name="skill"/> the artifact shows that earns the most credit: a related skill
    /// (<see cref="RankingOptions.RelatedSkillCredit"/>) or a broader one it implies
    /// (<see cref="RankingOptions.BroaderSkillCredit"/>); skill -1 when none.
    /// </summary>
    (int Skill, double Credit) Adjacent(int skill, ArtifactProfile profile)
    {
        (int Skill, double Credit) best = (-1, 0);
        if (_options.RelatedSkillCredit > 0)
        {
            foreach (var n in taxonomy.Related(skill))
            {
                if (profile.HasSkill(n))
                {
                    best = (n, _options.RelatedSkillCredit);
                    break;
                }
            }
        }

        if (_options.BroaderSkillCredit > best.Credit)
        {
            foreach (var n in taxonomy.Broader(skill))
            {
                if (profile.HasSkill(n))
                {
                    return (n, _options.BroaderSkillCredit);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// For each artifact that is not a job, the job it was done during (its dates inside the job's; the latest-starting
    /// such job), else null. The job's context (employer, industry, team) is the project's too, though its own text
    /// often leaves it out, so with <see cref="RankingOptions.ParentJobShare"/> it inherits part of the job's score.
    /// </summary>
    List<int?> ParentJobs(List<ArtifactDocument> artifacts)
    {
        var result = new List<int?>(artifacts.Count);
        for (var i = 0; i < artifacts.Count; i++)
        {
            var child = artifacts[i];
            int? parent = null;
            if (_options.ParentJobShare > 0 && !child.IsJob && !child.IsEducation && child.StartDate is { } start)
            {
                for (var j = 0; j < artifacts.Count; j++)
                {
                    var job = artifacts[j];
                    if (job.IsJob && job.StartDate is { } jobStart && start >= jobStart
                        && (job.EndDate is null || (child.EndDate is { } end && end <= job.EndDate))
                        && (parent is null || jobStart > artifacts[parent.Value].StartDate))
                    {
                        parent = j;
                    }
                }
            }

            result.Add(parent);
        }

        return result;
    }

    /// <summary>
    /// A certification none of whose certified skills the posting names directly (implied skills do not count: Scrum
    /// implies Agile, yet a posting asking for agile ways of working does not ask for a Scrum certificate). What it
    /// certifies is its technologies list, or, without one, the skills its title names.
    /// </summary>
    bool IsUnaskedCertification(ArtifactProfile profile, HashSet<int> askedSkills)
    {
        if (!profile.Artifact.IsCertification || _options.UnaskedCertificationFactor >= 1)
        {
            return false;
        }

        var certified = profile.Artifact.Technologies.Count > 0
            ? profile.Artifact.Technologies.Select(t => taxonomy.ResolvePhrase(t)).OfType<int>()
            : taxonomy.FindMaximalMentions(profile.SentenceTokens[0]).Select(m => m.Skill);
        return !certified.Any(askedSkills.Contains);
    }

    TermMatch?[] FindKeywords(ParsedJobDescription job, List<ArtifactProfile> ranked, SemanticScores scores, int keywordOffset)
    {
        // Each keyword's search reads the ranked profiles only, so the keywords are searched over the cores; the
        // report lists them in the posting's order as before.
        var matches = new TermMatch?[job.Keywords.Count];
        ParallelRanking.For(matches.Length, k => matches[k] =
            _finder.Find(job.Keywords[k].Term, ranked, scores, scores.IsEmpty ? -1 : keywordOffset + k, _options.KeywordSemanticThreshold));
        return matches;
    }

    /// <summary>
    /// For the terms still without evidence that name no taxonomy skill themselves: the skill each names in other
    /// words, if any (<see cref="ISemanticScorer.ResolveSkillsAsync"/>), evidenced by the best-ranked artifact showing
    /// it. A term that names a skill is left alone: only that skill backs it, and its absence is a real gap.
    /// </summary>
    async Task FindBySkillMeaningAsync(
        IReadOnlyList<string> terms, TermMatch?[] matches, IReadOnlyList<ArtifactProfile> ranked, CancellationToken cancellationToken)
    {
        if (semantic is null || ranked.Count == 0 || _options.KeywordSkillThreshold > 1)
        {
            return;
        }
        var open = Enumerable.Range(0, terms.Count).Where(i => matches[i] is null && !_finder.NamesSkill(terms[i])).ToList();
        if (open.Count == 0)
        {
            return;
        }
        var skills = await semantic.ResolveSkillsAsync(
            [.. open.Select(i => terms[i])], taxonomy, _options.KeywordSkillThreshold, _options.KeywordSkillMargin, cancellationToken);
        for (var j = 0; j < open.Count; j++)
        {
            if (skills[j] is { } skill)
            {
                matches[open[j]] = TermEvidenceFinder.FindBySkill(skill, ranked);
            }
        }
    }

    static KeywordCoverageReport BuildCoverage(ParsedJobDescription job, TermMatch?[] matches)
    {
        var matched = new List<KeywordEvidence>();
        var missing = new List<MissingKeyword>();
        for (var k = 0; k < job.Keywords.Count; k++)
        {
            var keyword = job.Keywords[k];
            var match = matches[k];
            if (match is null)
            {
                missing.Add(new MissingKeyword(keyword.Term, KindName(keyword.Importance)));
            }
            else
            {
                matched.Add(new KeywordEvidence(keyword.Term, KindName(keyword.Importance), match.Profile.Id,
                    match.Profile.Artifact.Title, match.Sentence, match.Via, match.Profile.Artifact.EvidenceLinks.Count > 0 ? match.Profile.Artifact.EvidenceLinks[0].Url : null));
            }
        }

        return new KeywordCoverageReport(matched, missing);
    }

    /// <summary>
    /// Requirement ↔ evidence alignment by meaning: for each requirement, how far an artifact's best chunk stands above
    /// the typical artifact's (0 at the mean, 1 for the artifact that matches that requirement best), weighted by the
    /// requirement's kind and scaled to the best candidate. Relative per requirement, because a model's raw cosine
    /// level differs from one query line to the next; so an artifact ranks for what it shows, in whatever words.
    /// </summary>
    static double[] SemanticAlignment(List<JobRequirement> requirements, int artifacts, RequirementAlignment scores)
    {
        var result = new double[artifacts];
        if (scores.IsEmpty || artifacts < 2 || requirements.Count == 0)
        {
            return result;
        }

        var totalWeight = 0.0;
        for (var r = 0; r < requirements.Count; r++)
        {
            double max = double.MinValue, sum = 0;
            for (var a = 0; a < artifacts; a++)
            {
                var sim = scores.Similarity(a, r);
                max = Math.Max(max, sim);
                sum += sim;
            }

            var mean = sum / artifacts;
            if (max - mean < 1e-6)
            {
                continue;
            }

            var w = requirements[r].Weight;
            totalWeight += w;
            for (var a = 0; a < artifacts; a++)
            {
                result[a] += w * Math.Max(0, (scores.Similarity(a, r) - mean) / (max - mean));
            }
        }

        var best = result.Max();
        for (var a = 0; a < artifacts; a++)
        {
            result[a] = best > 0 ? result[a] / best : 0;
        }

        return result;
    }

    static double[] Bm25(IReadOnlyDictionary<string, double> query, List<ArtifactProfile> profiles)
    {
        var n = profiles.Count;
        var result = new double[n];
        if (n == 0)
        {
            return result;
        }

        var avgLength = Math.Max(1, profiles.Average(p => p.Length));
        // Each artifact's stems are looked up in the query (tens per artifact) rather than each query stem in every
        // artifact (hundreds per artifact, twice); the terms are then summed in the query's order, as before.
        var weights = new double[query.Count];
        var termOf = new Dictionary<string, int>(query.Count, StringComparer.Ordinal);
        foreach (var (stem, weight) in query)
        {
            weights[termOf.Count] = weight;
            termOf[stem] = termOf.Count;
        }

        var df = new int[weights.Length];
        var capacity = 0;
        foreach (var p in profiles)
        {
            capacity += Math.Min(p.TermCounts.Count, weights.Length);
        }
        // Every artifact's (term, tf) pairs in one pooled buffer, artifact a's at [ends[a - 1], ends[a]).
        var hits = ArrayPool<(int Term, int Tf)>.Shared.Rent(Math.Max(1, capacity));
        var ends = new int[n];
        try
        {
            var count = 0;
            for (var a = 0; a < n; a++)
            {
                var start = count;
                foreach (var (stem, tf) in profiles[a].TermCounts)
                {
                    if (termOf.TryGetValue(stem, out var t))
                    {
                        df[t]++;
                        hits[count++] = (t, tf);
                    }
                }
                hits.AsSpan(start, count - start).Sort(static (x, y) => x.Term.CompareTo(y.Term));
                ends[a] = count;
            }

            var idf = new double[weights.Length];
            for (var t = 0; t < idf.Length; t++)
            {
                idf[t] = Math.Log(1 + ((n - df[t] + 0.5) / (df[t] + 0.5)));
            }

            for (var a = 0; a < n; a++)
            {
                foreach (var (t, tf) in hits.AsSpan(a == 0 ? 0 : ends[a - 1], ends[a] - (a == 0 ? 0 : ends[a - 1])))
                {
                    result[a] += weights[t] * idf[t] * tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * profiles[a].Length / avgLength))));
                }
            }
        }
        finally
        {
            ArrayPool<(int Term, int Tf)>.Shared.Return(hits);
        }

        return result;
    }

    static List<string> ContentStems(JobRequirement requirement) =>
        [.. requirement.Tokens
            .Where(t => !t.IsStopWord && !StopWords.RequirementFiller.Contains(t.Surface.ToLowerInvariant()) && t.Stem.Length > 1
                        && !char.IsDigit(t.Stem[0]))
            .Select(t => t.Stem)
            .Distinct(StringComparer.Ordinal)];

    static (double Fraction, int Sentence) LexicalOverlap(List<string> stems, ArtifactProfile profile)
    {
        if (stems.Count == 0)
        {
            return (0, 0);
        }

        // Per sentence, how many of the stems it holds; the best is the first with the most (sentence 0 when none).
        // Counted from the profile's stem → sentences index: one lookup per stem, not one per stem and sentence.
        var sentences = profile.SentenceTokens.Count;
        Span<int> hits = sentences <= 256 ? stackalloc int[sentences] : new int[sentences];
        var present = 0;
        foreach (var stem in stems)
        {
            if (profile.TermCounts.ContainsKey(stem))
            {
                present++;
            }
            if (profile.StemSentences.TryGetValue(stem, out var holding))
            {
                foreach (var s in holding)
                {
                    if (s < sentences)
                    {
                        hits[s]++;
                    }
                }
            }
        }

        var bestSentence = 0;
        for (var s = 1; s < sentences; s++)
        {
            if (hits[s] > hits[bestSentence])
            {
                bestSentence = s;
            }
        }

        return ((double)present / stems.Count, bestSentence);
    }

    /// <summary>
    /// Share of the artifact's description sentences that name (or imply) a skill the posting asks for.
    /// <paramref name="closureAsked"/> remembers the answer per mentioned skill for the whole ranking.
    /// </summary>
    double Focus(ArtifactProfile profile, HashSet<int> jobSkills, ConcurrentDictionary<int, bool> closureAsked)
    {
        var sentences = profile.SentenceTokens.Count;
        if (sentences == 0 || jobSkills.Count == 0)
        {
            return 0;
        }

        var hits = 0;
        for (var s = 0; s < sentences; s++)
        {
            foreach (var m in profile.SentenceMentions[s])
            {
                if (!closureAsked.TryGetValue(m.Skill, out var asked))
                {
                    closureAsked[m.Skill] = asked = taxonomy.Closure(m.Skill).Any(jobSkills.Contains);
                }
                if (asked)
                {
                    hits++;
                    break;
                }
            }
        }

        return (double)hits / sentences;
    }

    double Recency(ArtifactDocument artifact, DateOnly asOf)
    {
        var end = artifact.IsCertification ? artifact.StartDate : artifact.EndDate;
        if (end is null)
        {
            return artifact.IsCertification ? 0.5 : 1.0;
        }

        var years = Math.Max(0, (asOf.DayNumber - end.Value.DayNumber) / 365.25);
        return Math.Pow(0.5, years / _options.RecencyHalfLifeYears);
    }

    static ScoreComponents Round(ScoreComponents c) => new(
        Math.Round(c.Lexical, 4), Math.Round(c.LexicalRaw, 4), Math.Round(c.Coverage, 4), Math.Round(c.SkillCoverage, 4),
        Math.Round(c.Semantic, 4), Math.Round(c.Recency, 4), Math.Round(c.Focus, 4));

    /// <summary>The most a score can reach, so <c>relevance_score</c> stays on the contract's 0–10 scale.</summary>
    double WeightSum => Math.Max(1e-9, (_options.LexicalWeight + _options.CoverageWeight + _options.RecencyWeight + _options.FocusWeight
                                        + (semantic is null ? 0 : _options.SemanticWeight)) * (1 + _options.ParentJobShare));

    static string KindName(RequirementKind kind) => kind switch
    {
        RequirementKind.MustHave => "must_have",
        RequirementKind.NiceToHave => "nice_to_have",
        RequirementKind.Responsibility => "responsibility",
        _ => "context",
    };

    static string Shorten(string text)
    {
        var t = text.TrimStart('-', '*', '•', ' ').TrimEnd('.', ' ');
        return t.Length <= 80 ? t : string.Concat(t.AsSpan(0, t.LastIndexOf(' ', 77) is > 40 and var cut ? cut : 77), "…");
    }

    static string Explain(ScoreComponents c, List<CoveredRequirement> covered, List<JobRequirement> requirements, ArtifactDocument artifact, bool unaskedCertification)
    {
        var inv = CultureInfo.InvariantCulture;
        var must = covered.Count(x => x.Kind == "must_have");
        var mustTotal = requirements.Count(r => r.Kind == RequirementKind.MustHave);
        var skills = covered.Where(x => x.Via != "related").SelectMany(x => x.Skills).Distinct(StringComparer.Ordinal).Take(6).ToList();
        var semanticCount = covered.Count(x => x.Via == "semantic");
        var related = covered.Where(x => x.Via == "related").SelectMany(x => x.Skills).Distinct(StringComparer.Ordinal).ToList();
        var parts = new List<string>
        {
            string.Create(inv, $"Covers {covered.Count} of {requirements.Count} requirements ({must} of {mustTotal} must-haves)"),
        };
        if (skills.Count > 0)
        {
            parts[0] += $" through {string.Join(", ", skills)}";
        }

        // Name the requirements themselves (must-haves first), so the reader sees what this artifact backs up.
        var named = covered.OrderBy(x => x.Kind == "must_have" ? 0 : x.Kind == "responsibility" ? 1 : 2).ThenByDescending(x => x.Coverage)
            .Take(2).Select(x => $"\"{Shorten(x.Text)}\"").ToList();
        if (named.Count > 0)
        {
            parts.Add($"backs up {string.Join(" and ", named)}");
        }

        if (semanticCount > 0)
        {
            parts.Add(string.Create(inv, $"{semanticCount} covered by meaning rather than wording"));
        }

        if (related.Count > 0)
        {
            parts.Add($"adjacent experience in {string.Join(", ", related.Take(3))}");
        }

        if (unaskedCertification)
        {
            parts.Add("a certification of nothing the posting names, so it trails work that shows the same skills");
        }

        parts.Add(string.Create(inv, $"keyword relevance {c.Lexical:0.00} of the best artifact"));
        var when = artifact.EndDate is null && !artifact.IsCertification
            ? "ongoing"
            : string.Create(inv, $"recency {c.Recency:0.00}");
        parts.Add(when);
        return string.Join("; ", parts) + ".";
    }
}
