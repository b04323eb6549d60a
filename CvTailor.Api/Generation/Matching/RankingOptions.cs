namespace CvTailor.Api.Generation.Matching;

/// <summary>Weights and thresholds of the hybrid ranking (bound from configuration section "Matching").</summary>
public sealed record RankingOptions
{
    /// <summary>BM25 over title + description + technologies, normalised to the best candidate.</summary>
    public double LexicalWeight { get; init; } = 0.40;

    /// <summary>Weighted share of the posting's requirements the artifact covers (taxonomy, words, semantics).</summary>
    public double CoverageWeight { get; init; } = 0.40;

    public double RecencyWeight { get; init; } = 0.10;

    /// <summary>
    /// Weight of the semantic requirement ↔ evidence alignment (each requirement's best chunk relative to the other
    /// candidates'); zero effect when no semantic scores are available.
    /// </summary>
    public double SemanticWeight { get; init; } = 0.20;

    /// <summary>
    /// Weight of focus: the share of an artifact's sentences that name a skill the posting asks for. It favours an
    /// artifact that is about the posting's subject over a long one that touches many subjects in passing.
    /// </summary>
    public double FocusWeight { get; init; } = 0.20;

    /// <summary>
    /// Score factor for a certification that certifies nothing the posting names. A certificate shows a course passed,
    /// not work done: it backs exactly the technology it certifies (the CKA where Kubernetes is asked for), but where it
    /// only touches the posting's practices (a Scrum certificate for agile product ownership) its short, skill-dense
    /// syllabus would otherwise outrank the work that shows those practices. On the dev set certifications sat in the
    /// top five six times across all three people, five of them graded 0 or 1, never 3. 1 turns this off.
    /// </summary>
    public double UnaskedCertificationFactor { get; init; } = 0.8;

    /// <summary>
    /// Share of a job's score added to each project, talk or other non-job artifact done during it (dates inside the
    /// job's): the job's context (employer, industry, team) is the project's too. Off by default: on the dev set
    /// (use-lite, same build) 0.05 gave overall nDCG@5 0.930 → 0.933 and core 0.957 → 0.963 but vocabulary_shift
    /// 0.850 → 0.848; with the names-only taxonomy overall 0.870 → 0.883, vocabulary_shift 0.711 → 0.722.
    /// </summary>
    public double ParentJobShare { get; init; }

    /// <summary>
    /// Share of a requirement skill's credit an artifact gets for a neighbouring skill instead (the taxonomy's
    /// <c>related</c> entries: Nomad for Kubernetes, RabbitMQ for Kafka, accessibility work for inclusive design), so
    /// adjacent experience described in other words still ranks. Ranking only: a neighbour never makes a keyword
    /// "covered". On the dev set (use-lite, before the paraphrase aliases of a0a00ce, which alone moved vocabulary_shift
    /// 0.850 → 0.841) 0.3 leaves the shipped taxonomy's figures as they were (overall nDCG@5
    /// 0.930 → 0.929, vocabulary_shift 0.850) and lifts them where the postings' aliases are held out (overall
    /// 0.923 → 0.928, vocabulary_shift 0.816 → 0.821) or with names only (0.870 → 0.871, 0.711 → 0.713); 0.5 cost
    /// the shipped vocabulary_shift 0.017. 0 turns it off.
    /// </summary>
    public double RelatedSkillCredit { get; init; } = 0.3;

    /// <summary>
    /// The same for a broader skill the asked one implies (the posting asks for Kubernetes, the artifact shows
    /// container orchestration on another platform). Off: 0.3 lowered the dev set's figures (vocabulary_shift 0.850 →
    /// 0.837; held out, names only: unchanged), since a broad parent (statistics, machine learning) is shared by most
    /// of one person's artifacts.
    /// </summary>
    public double BroaderSkillCredit { get; init; }

    /// <summary>Weight requirement skills by how few of the candidates have them (common skills discriminate less).</summary>
    public bool SkillSpecificity { get; init; }

    /// <summary>Scale coverage to the best candidate before weighting (as BM25 is).</summary>
    public bool NormaliseCoverage { get; init; } = true;

    /// <summary>Years after which an artifact's recency score halves.</summary>
    public double RecencyHalfLifeYears { get; init; } = 5;

    /// <summary>
    /// Share of the clause-level alignment in a requirement's semantic similarity (<see cref="RequirementAlignment"/>):
    /// the closest any of the line's clauses (<see cref="RequirementClauses"/>) comes to one of the artifact's chunks,
    /// blended with the whole line's best chunk. A long line's embedding averages all its parts, so an artifact that
    /// shows one of them in other words lies far from the line but close to the part. Off (0: no clause is embedded):
    /// on the dev set (use-lite, 2 folds) no weight helped in every taxonomy mode. 0.5 gave vocabulary_shift nDCG@5
    /// shipped 0.841 → 0.839, held-out 0.813 → 0.801, names-only 0.713 → 0.738 (overall 0.871 → 0.884); 0.25 and 1.0
    /// moved less or lower; the clauses' mean instead of the closest clause cost shipped vocabulary_shift 0.036;
    /// clauses only for lines the taxonomy does not read changed nothing. Worth a try where postings' wording is
    /// further from the taxonomy than the dev set's.
    /// </summary>
    public double ClauseAlignmentWeight { get; init; }

    /// <summary>Best-chunk similarity at or below which a requirement gets no semantic credit.</summary>
    public double SemanticFloor { get; init; } = 0.50;

    /// <summary>Best-chunk similarity at which a requirement counts as fully covered semantically.</summary>
    public double SemanticCeiling { get; init; } = 0.80;

    /// <summary>Semantic credit is worth at most this share of a taxonomy match.</summary>
    public double SemanticCreditFactor { get; init; } = 0.8;

    /// <summary>Best-chunk similarity from which a keyword counts as evidenced when no word matches it.</summary>
    public double KeywordSemanticThreshold { get; init; } = 0.75;

    /// <summary>
    /// Similarity (cosine, the semantic model's) from which a posting keyword that no alias matches reads as the skill
    /// whose name or alias it is closest to (<see cref="SkillPhraseIndex"/>), so the coverage report finds it in the
    /// artifacts that show that skill ("query performance" in work on query optimisation) instead of calling it
    /// missing. Above 1 turns it off.
    /// </summary>
    public double KeywordSkillThreshold { get; init; } = 0.78;

    /// <summary>How much closer the nearest skill must be than any other for a keyword to read as it.</summary>
    public double KeywordSkillMargin { get; init; } = 0.05;

    /// <summary>A requirement counts as covered by an artifact from this coverage on.</summary>
    public double CoveredThreshold { get; init; } = 0.5;
}
