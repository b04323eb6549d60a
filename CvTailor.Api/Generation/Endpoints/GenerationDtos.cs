using System.Linq.Expressions;
using System.Text.Json;
using CvTailor.Api.Artifacts;
using CvTailor.Data.Generation;

namespace CvTailor.Api.Generation.Endpoints;

/// <summary>G1/G2's 202 answer.</summary>
public sealed record GenerationStartedDto(Guid GenerationId, string Status, DateTime EstimatedCompletionTime, string JobDescriptionHash);

/// <summary>The short shape (G4 list items, G3 while not completed).</summary>
public sealed record GenerationSummaryDto(
    Guid Id,
    string DocumentType,
    string Status,
    int ProgressPercentage,
    JsonElement Content,
    JsonElement Metadata,
    string ErrorMessage,
    int? UserRating,
    string UserFeedback,
    DateTime CreatedAt,
    DateTime? CompletedAt)
{
    public static Expression<Func<GeneratedDocument, GenerationSummaryDto>> Projection { get; } = d => new GenerationSummaryDto(
        d.Id, d.DocumentType, d.Status, d.ProgressPercentage, JsonColumn.ToElement(d.Content), JsonColumn.ToElement(d.Metadata),
        d.ErrorMessage, d.UserRating, d.UserFeedback, d.CreatedAt, d.CompletedAt);
}

/// <summary><c>&lt;GenerationDetail&gt;</c> (G3 when completed, G5).</summary>
public sealed record GenerationDetailDto(
    Guid Id,
    string DocumentType,
    string JobDescriptionHash,
    JsonElement LabelIds,
    int TemplateId,
    JsonElement CustomSections,
    JsonElement GenerationPreferences,
    JsonElement Content,
    JsonElement Metadata,
    string Status,
    int ProgressPercentage,
    string ErrorMessage,
    JsonElement ArtifactsUsed,
    string ModelVersion,
    int? GenerationTimeMs,
    int? UserRating,
    string UserFeedback,
    DateTime CreatedAt,
    DateTime? CompletedAt,
    DateTime? ExpiresAt)
{
    public static GenerationDetailDto From(GeneratedDocument d) => new(
        d.Id, d.DocumentType, d.JobDescriptionHash, JsonColumn.ToElement(d.LabelIds), d.TemplateId,
        JsonColumn.ToElement(d.CustomSections), JsonColumn.ToElement(d.GenerationPreferences), JsonColumn.ToElement(d.Content),
        JsonColumn.ToElement(d.Metadata), d.Status, d.ProgressPercentage, d.ErrorMessage, JsonColumn.ToElement(d.ArtifactsUsed),
        d.ModelVersion, d.GenerationTimeMs, d.UserRating, d.UserFeedback, d.CreatedAt, d.CompletedAt, d.ExpiresAt);

    public static GenerationSummaryDto Summary(GeneratedDocument d) => new(
        d.Id, d.DocumentType, d.Status, d.ProgressPercentage, JsonColumn.ToElement(d.Content), JsonColumn.ToElement(d.Metadata),
        d.ErrorMessage, d.UserRating, d.UserFeedback, d.CreatedAt, d.CompletedAt);
}

/// <summary>G7's answer.</summary>
public sealed record RatingAcceptedDto(string Message, int Rating);

/// <summary>G8 list items.</summary>
public sealed record CvTemplateDto(
    int Id, string Name, string Category, string Description, string PreviewImageUrl, JsonElement TemplateConfig, bool IsPremium, bool IsActive);

/// <summary>G9's answer.</summary>
public sealed record GenerationAnalyticsDto(
    int TotalGenerations,
    int CompletedGenerations,
    int FailedGenerations,
    double AverageRating,
    string? MostUsedTemplate,
    IReadOnlyList<GenerationHistoryItem> GenerationHistory);

public sealed record GenerationHistoryItem(Guid Id, string Status, DateTime CreatedAt, int? Rating);

/// <summary>Document types and statuses of <c>generation_generateddocument</c> (contract §3).</summary>
public static class GenerationStatuses
{
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public const string Cv = "cv";
    public const string CoverLetter = "cover_letter";
}

public static class GenerationMessages
{
    public const string NotFound = "Generation not found";
    public const string RatingSubmitted = "Rating submitted successfully";
}
