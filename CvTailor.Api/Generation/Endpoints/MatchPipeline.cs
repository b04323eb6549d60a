using System.Globalization;
using CvTailor.Api.Generation.Caching;
using CvTailor.Api.Generation.Content;
using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Model;
using CvTailor.Api.Generation.Parsing;
using CvTailor.Api.Generation.Semantic;
using CvTailor.Api.QueryEmbeddings;
using CvTailor.Data;

namespace CvTailor.Api.Generation.Endpoints;

/// <summary>
/// Loads the caller's artifacts, prepares semantic scoring from their stored chunk vectors, and ranks them for a
/// parsed posting. The match endpoint and background generation share it, so both rank the same way.
/// </summary>
public sealed class MatchPipeline(
    QueryEmbedder embedder, SkillPhraseIndexCache indexes, RankingOptions ranking, TimeProvider time, ILogger<MatchPipeline> logger)
{
    public async Task<PreparedMatch> MatchAsync(
        CvTailorDbContext db, long userId, ParsedJobDescription job, CurrentTaxonomy taxonomy, string companyName, string roleTitle,
        IReadOnlyCollection<int> artifactIds, GenerationPreferences? preferences, CancellationToken ct)
    {
        var artifacts = await UserArtifacts.LoadAsync(db, userId, ct);
        var candidateIds = artifactIds.Count > 0
            ? artifactIds
            : [.. artifacts.Select(a => int.Parse(a.Id, CultureInfo.InvariantCulture))];
        var (scorer, status) = candidateIds.Count == 0
            ? (null, new SemanticStatus(SemanticStatus.NoVectors, embedder.Model, 0))
            : await ChunkSemanticScorer.CreateAsync(embedder, indexes, db, userId, candidateIds, logger, ct);

        var generator = new DocumentGenerator(taxonomy.Taxonomy, ranking, scorer);
        var request = new GenerationRequest
        {
            JobDescription = "",
            CompanyName = companyName,
            RoleTitle = roleTitle,
            ArtifactIds = [.. artifactIds.Select(i => i.ToString(CultureInfo.InvariantCulture))],
            Preferences = preferences ?? new GenerationPreferences(),
            AsOf = DateOnly.FromDateTime(time.UtcNow()),
        };

        MatchResult match;
        using (var activity = GenerationTelemetry.Source.StartActivity(TelemetryNames.Spans.Ranking))
        {
            activity?.SetTag(GenerationTelemetry.CandidatesTag, candidateIds.Count);
            match = await generator.MatchAsync(request, artifacts, job, ct);
            status = scorer?.Status ?? status;
            activity?.SetTag(GenerationTelemetry.SemanticTag, status.Status);
        }
        return new PreparedMatch(generator, request, artifacts, match, status);
    }
}

/// <summary>A ranking with everything needed to build a document from it.</summary>
public sealed record PreparedMatch(
    DocumentGenerator Generator, GenerationRequest Request, IReadOnlyList<ArtifactDocument> Artifacts, MatchResult Match, SemanticStatus Semantic);
