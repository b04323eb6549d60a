using System.Text.Json;
using CvTailor.Api.Auth;
using CvTailor.Api.DrfContract;
using CvTailor.Api.Generation.Caching;
using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Semantic;
using CvTailor.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Generation.Endpoints;

/// <summary>
/// <c>POST /api/v1/generate/match/</c> (new): the caller's artifacts ranked for a posting, best first, each with its
/// score, score components, explanation and the parsed requirements it covers, plus the ATS keyword coverage report.
/// Synchronous: it is the ranking generation uses, without writing a document.
/// </summary>
public static class MatchEndpoint
{
    public static async Task<Results<MatchAnswer, BodyError, FieldErrorsResult>> MatchAsync(
        RequestFields read, CurrentUser user, CvTailorDbContext db, JobDescriptionCache cache, MatchPipeline pipeline, CancellationToken ct)
    {
        if (read.Error is { } bodyError)
        {
            return bodyError;
        }
        var errors = new FieldErrors();
        var input = GenerationInput.Read(read.Values, errors);
        if (input is null)
        {
            return errors.ToBadRequest();
        }
        if (await GenerationStartEndpoints.UnknownArtifactsAsync(db, user.Id, input.ArtifactIds, ct) is { } unknown)
        {
            return unknown;
        }

        CachedJobDescription cached;
        using (var activity = GenerationTelemetry.Source.StartActivity(TelemetryNames.Spans.JobParsing))
        {
            cached = await cache.GetOrParseAsync(db, user.Id, input.JobDescription, input.CompanyName, input.RoleTitle, ct);
            activity?.SetTag(GenerationTelemetry.CacheHitTag, cached.Hit);
        }
        var prepared = await pipeline.MatchAsync(db, user.Id, cached.Parsed, cached.Taxonomy, input.CompanyName, input.RoleTitle,
            input.ArtifactIds, GenerationInput.Preferences(input.GenerationPreferences, input.CustomSections), ct);
        var match = prepared.Match;
        return new MatchAnswer(new MatchResponse(
            cached.Parsed.ContentHash,
            cached.Hit,
            GenerationJsonMapping.Element(cached.Parsed),
            match.Ranked.Count,
            [.. match.Ranked.Select(RankedArtifactDto.From)],
            new KeywordCoverageDto(
                Math.Round(match.Coverage.CoverageRatio, 4),
                [.. match.Coverage.Matched.Select(GenerationJsonMapping.Evidence)],
                match.Coverage.Missing),
            prepared.Semantic));
    }
}

/// <summary>The match endpoint's answer.</summary>
public sealed record MatchResponse(
    string JobDescriptionHash,
    bool Cached,
    JsonElement ParsedJob,
    int TotalCandidates,
    IReadOnlyList<RankedArtifactDto> RankedArtifacts,
    KeywordCoverageDto KeywordCoverage,
    SemanticStatus Semantic);

/// <summary>One ranked artifact (integer id) with its score on 0–1 and 0–10, components and explanation.</summary>
public sealed record RankedArtifactDto(
    int ArtifactId,
    string Title,
    string ArtifactType,
    int Rank,
    double Score,
    double RelevanceScore,
    ScoreComponents Components,
    IReadOnlyList<string> MatchedSkills,
    IReadOnlyList<CoveredRequirement> CoveredRequirements,
    string Explanation)
{
    public static RankedArtifactDto From(RankedArtifact r) => new(
        GenerationJsonMapping.ArtifactId(r.ArtifactId), r.Title, r.ArtifactType, r.Rank, r.Score, r.RelevanceScore, r.Components,
        r.MatchedSkills, r.CoveredRequirements, r.Explanation);
}

/// <summary>ATS keyword coverage: each posting keyword matched (with evidence) or missing.</summary>
public sealed record KeywordCoverageDto(double CoverageRatio, IReadOnlyList<KeywordEvidenceDto> Matched, IReadOnlyList<MissingKeyword> Missing);
