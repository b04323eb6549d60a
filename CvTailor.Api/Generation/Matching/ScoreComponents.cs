namespace CvTailor.Api.Generation.Matching;

/// <summary>The parts of an artifact's score, each in [0, 1] (BM25 also raw).</summary>
/// <param name="Lexical">BM25 divided by the best candidate's BM25.</param>
/// <param name="LexicalRaw">BM25 as computed.</param>
/// <param name="Coverage">Weighted share of requirements covered (by taxonomy skills, words or semantics).</param>
/// <param name="SkillCoverage">The same share counting taxonomy skill matches only.</param>
/// <param name="Semantic">Mean best-chunk similarity to the requirements (0 without a model); informs coverage only.</param>
/// <param name="Recency">Half-life decay since the artifact ended (1 when ongoing).</param>
/// <param name="Focus">Share of the artifact's sentences that name a skill the posting asks for.</param>
public sealed record ScoreComponents(
    double Lexical, double LexicalRaw, double Coverage, double SkillCoverage, double Semantic, double Recency, double Focus);
