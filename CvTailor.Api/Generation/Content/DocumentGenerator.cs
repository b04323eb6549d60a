using System.Diagnostics;
using CvTailor.Api.Generation.Grounding;
using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Model;
using CvTailor.Api.Generation.Parsing;
using CvTailor.Api.Generation.Taxonomy;

namespace CvTailor.Api.Generation.Content;

/// <summary>
/// The offline generation pipeline: parse the posting, rank the person's artifacts, build the CV or cover letter
/// from their own sentences, check the result against the inputs, and report keyword coverage in the metadata.
/// Pure and thread-safe: callers load the artifacts (one user's only) and persist the result.
/// </summary>
public sealed class DocumentGenerator(SkillTaxonomy taxonomy, RankingOptions? options = null, ISemanticScorer? semantic = null)
{
    public const string ModelName = "cvtailor-deterministic";
    public const string ModelVersion = "cvtailor-deterministic-1";

    readonly JobDescriptionParser _parser = new(taxonomy);
    readonly ArtifactRanker _ranker = new(taxonomy, options, semantic);
    readonly CvGenerator _cv = new(taxonomy);
    readonly CoverLetterGenerator _letter = new(taxonomy);
    readonly GroundingChecker _grounding = new(taxonomy);

    /// <summary>Parses and ranks only (the match endpoint).</summary>
    public Task<MatchResult> MatchAsync(GenerationRequest request, IReadOnlyList<ArtifactDocument> artifacts, ParsedJobDescription? parsed = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var job = parsed ?? _parser.Parse(request.JobDescription, request.CompanyName, request.RoleTitle);
        return _ranker.MatchAsync(job, artifacts, request.AsOf, request.ArtifactIds, cancellationToken);
    }

    public async Task<GeneratedCv> GenerateCvAsync(
        GenerationRequest request, UserProfile profile, IReadOnlyList<ArtifactDocument> artifacts,
        ParsedJobDescription? parsed = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var match = await MatchAsync(request, artifacts, parsed, cancellationToken);
        return GenerateCv(request, profile, artifacts, match, clock);
    }

    /// <summary>Builds the CV from a match already made (callers that time or trace ranking separately).</summary>
    public GeneratedCv GenerateCv(
        GenerationRequest request, UserProfile profile, IReadOnlyList<ArtifactDocument> artifacts, MatchResult match, Stopwatch? clock = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(match);
        clock ??= Stopwatch.StartNew();
        var content = _cv.Generate(match, profile, request.Preferences);
        var report = _grounding.Check(CvText.Flatten(content), PrepareGrounding(request, profile, artifacts, match));
        return new GeneratedCv(content, Metadata(match, report, clock), match);
    }

    /// <summary>The grounding source of a generation: what any rewrite of its output may state facts from.</summary>
    public PreparedSource PrepareGrounding(GenerationRequest request, UserProfile profile, IReadOnlyList<ArtifactDocument> artifacts, MatchResult match)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(match);
        return _grounding.Prepare(Source(request, profile, artifacts, match), Profiles(match));
    }

    /// <summary>Checks a text against a prepared grounding source.</summary>
    public GroundingReport CheckGrounding(string text, PreparedSource source) => _grounding.Check(text, source);

    public async Task<GeneratedCoverLetter> GenerateCoverLetterAsync(
        GenerationRequest request, UserProfile profile, IReadOnlyList<ArtifactDocument> artifacts,
        ParsedJobDescription? parsed = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var match = await MatchAsync(request, artifacts, parsed, cancellationToken);
        return GenerateCoverLetter(request, profile, artifacts, match, clock);
    }

    /// <summary>Builds the cover letter from a match already made.</summary>
    public GeneratedCoverLetter GenerateCoverLetter(
        GenerationRequest request, UserProfile profile, IReadOnlyList<ArtifactDocument> artifacts, MatchResult match, Stopwatch? clock = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(match);
        clock ??= Stopwatch.StartNew();
        var content = _letter.Generate(match, profile, request.CompanyName, request.RoleTitle, request.Preferences);
        // The gap statement names skills the person lacks on purpose; everything else must be grounded.
        var claims = content.GapStatement.Length > 0 ? content.FullText.Replace(content.GapStatement, "", StringComparison.Ordinal) : content.FullText;
        var report = _grounding.Check(claims, PrepareGrounding(request, profile, artifacts, match));
        return new GeneratedCoverLetter(content, Metadata(match, report, clock), match);
    }

    static List<ArtifactProfile> Profiles(MatchResult match) => [.. match.Ranked.Select(r => r.Profile)];

    /// <summary>The client's company and role, else the posting's own (the letter names them from there too).</summary>
    static GroundingSource Source(GenerationRequest request, UserProfile profile, IReadOnlyList<ArtifactDocument> artifacts, MatchResult match) =>
        new(artifacts, profile,
            string.IsNullOrWhiteSpace(request.CompanyName) ? match.Job.CompanyInfo.Name : request.CompanyName,
            string.IsNullOrWhiteSpace(request.RoleTitle) ? match.Job.RoleTitle : request.RoleTitle);

    static GenerationMetadata Metadata(MatchResult match, GroundingReport grounding, Stopwatch clock)
    {
        var coverage = match.Coverage;
        var total = coverage.Matched.Count + coverage.Missing.Count;
        return new GenerationMetadata
        {
            ModelUsed = ModelName,
            ModelVersion = ModelVersion,
            GenerationTimeMs = (int)clock.ElapsedMilliseconds,
            ArtifactsUsed = [.. match.Ranked.Take(5).Select(r => r.ArtifactId)],
            SkillMatchScore = total == 0 ? 0 : (int)(10.0 * coverage.Matched.Count / total),
            MatchedKeywords = [.. coverage.Matched.Select(k => k.Keyword)],
            MissingKeywords = [.. coverage.Missing.Select(k => k.Keyword)],
            MissingSkills = [.. coverage.Missing.Where(k => k.Importance == "must_have").Select(k => k.Keyword)],
            KeywordEvidence = coverage.Matched,
            JobDescriptionHash = match.Job.ContentHash,
            SemanticModel = match.SemanticModel ?? "none",
            Grounding = grounding,
        };
    }
}
