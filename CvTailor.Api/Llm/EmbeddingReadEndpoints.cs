using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.Http;
using CvTailor.Data;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Llm;

/// <summary>
/// The original's read-only LLM viewsets for embedding data (contract §2.2 L9–L12) under <c>/api/v1/llm/</c>:
/// job-embeddings (+ cache_stats), enhanced-artifacts, and an enhanced artifact's chunks. Every query is scoped to
/// the caller (see docs/api-divergences.md: staff do not see other users' rows). Vector columns are never selected.
/// </summary>
public static class EmbeddingReadEndpoints
{
    public const string Prefix = "/api/v1/llm";

    /// <summary>These viewsets' pagination also takes <c>page_size</c>, at most 100.</summary>
    public const int MaxPageSize = 100;

    public static RouteGroupBuilder MapEmbeddingReads(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup(Prefix).RequireAuthorization().WithTags("LLM services");
        group.MapGet("/job-embeddings/", ListJobEmbeddingsAsync).WithName("ListJobEmbeddings");
        group.MapGet("/job-embeddings/cache_stats/", JobEmbeddingCacheStatsAsync).WithName("JobEmbeddingCacheStats");
        group.MapGet("/job-embeddings/{id}/", GetJobEmbeddingAsync).WithName("GetJobEmbedding");
        group.MapGet("/enhanced-artifacts/", ListEnhancedArtifactsAsync).WithName("ListEnhancedArtifacts");
        group.MapGet("/enhanced-artifacts/{id}/", GetEnhancedArtifactAsync).WithName("GetEnhancedArtifact");
        group.MapGet("/enhanced-artifacts/{id}/chunks/", ListChunksAsync).WithName("ListEnhancedArtifactChunks");
        return group;
    }

    static async Task<IResult> ListJobEmbeddingsAsync(HttpRequest request, CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        var email = await EmailOfAsync(db, user, ct);
        return await JobEmbeddings(db.JobEmbeddings.Where(j => j.UserId == user.Id)
                .OrderByDescending(j => j.LastAccessed).ThenBy(j => j.Id))
            .ToPageAsync(request, row => row.ToDto(email), ct, PageSize(request));
    }

    static async Task<IResult> GetJobEmbeddingAsync(string id, CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        var row = Guid.TryParse(id, out var guid)
            ? await JobEmbeddings(db.JobEmbeddings.Where(j => j.UserId == user.Id && j.Id == guid)).SingleOrDefaultAsync(ct)
            : null;
        return row is null
            ? TypedResults.NotFound(new ApiDetail(ApiMessages.NotFound("JobDescriptionEmbedding")))
            : TypedResults.Ok(row.ToDto(await EmailOfAsync(db, user, ct)));
    }

    static async Task<IResult> JobEmbeddingCacheStatsAsync(CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        var mine = db.JobEmbeddings.AsNoTracking().Where(j => j.UserId == user.Id);
        var total = await mine.CountAsync(ct);
        var companies = await mine.Select(j => j.CompanyName).Distinct().CountAsync(ct);
        var accesses = await mine.SumAsync(j => (long)j.AccessCount, ct);
        var most = await mine.OrderByDescending(j => j.AccessCount).ThenBy(j => j.Id).Take(5)
            .Select(j => new MostAccessedEmbedding(j.RoleTitle, j.CompanyName, j.AccessCount)).ToListAsync(ct);
        var recent = await mine.OrderByDescending(j => j.CreatedAt).ThenBy(j => j.Id).Take(5)
            .Select(j => new RecentEmbedding(j.RoleTitle, j.CompanyName, j.CreatedAt)).ToListAsync(ct);
        var hitRate = total == 0 ? 0 : Math.Min(100, (double)accesses / total * 10);
        return TypedResults.Ok(new JobEmbeddingCacheStats(total, companies, accesses, hitRate, most, recent));
    }

    static async Task<IResult> ListEnhancedArtifactsAsync(HttpRequest request, CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        var email = await EmailOfAsync(db, user, ct);
        return await EnhancedArtifacts(db.EnhancedArtifacts.Where(e => e.UserId == user.Id)
                .OrderByDescending(e => e.CreatedAt).ThenBy(e => e.Id))
            .ToPageAsync(request, row => row.ToDto(email), ct, PageSize(request));
    }

    static async Task<IResult> GetEnhancedArtifactAsync(string id, CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        var row = Guid.TryParse(id, out var guid)
            ? await EnhancedArtifacts(db.EnhancedArtifacts.Where(e => e.UserId == user.Id && e.Id == guid)).SingleOrDefaultAsync(ct)
            : null;
        return row is null
            ? TypedResults.NotFound(new ApiDetail(ApiMessages.NotFound("EnhancedArtifact")))
            : TypedResults.Ok(row.ToDto(await EmailOfAsync(db, user, ct)));
    }

    static async Task<IResult> ListChunksAsync(string id, CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var guid)
            || !await db.EnhancedArtifacts.AnyAsync(e => e.Id == guid && e.UserId == user.Id, ct))
        {
            return TypedResults.NotFound(new ApiDetail(ApiMessages.NotFound("EnhancedArtifact")));
        }
        var rows = await db.ArtifactChunks.AsNoTracking()
            .Where(c => c.ArtifactId == guid)
            .OrderBy(c => c.ChunkIndex)
            .Select(c => new
            {
                c.Id, ArtifactTitle = c.Artifact!.Title, c.ChunkIndex, c.Content, c.Metadata, c.ContentHash, c.ModelUsed,
                c.TokensUsed, c.ProcessingCostUsd, c.CreatedAt,
            })
            .ToListAsync(ct);
        return TypedResults.Ok(rows.Select(c => new ArtifactChunkDto(
            c.Id, c.ArtifactTitle, c.ChunkIndex, c.Content, ParseJson(c.Metadata), c.ContentHash, c.ModelUsed, c.TokensUsed,
            DecimalText.Scale6(c.ProcessingCostUsd), c.CreatedAt)).ToList());
    }

    /// <summary>Filter and order before projecting: EF cannot translate members of constructor-built records.</summary>
    static IQueryable<JobEmbeddingRow> JobEmbeddings(IQueryable<Data.Llm.JobDescriptionEmbedding> rows) =>
        rows.AsNoTracking().Select(j => new JobEmbeddingRow(
            j.Id, j.JobDescriptionHash, j.CompanyName, j.RoleTitle, j.ModelUsed, j.Dimensions, j.TokensUsed, j.CostUsd,
            j.AccessCount, j.LastAccessed, j.CreatedAt));

    static IQueryable<EnhancedArtifactRow> EnhancedArtifacts(IQueryable<Data.Llm.EnhancedArtifact> rows) =>
        rows.AsNoTracking().Select(e => new EnhancedArtifactRow(
            e.Id, e.OriginalArtifactId, e.Title, e.ContentType, e.EmbeddingModel, e.EmbeddingDimensions,
            e.EmbeddingCostUsd, e.LangchainVersion, e.ProcessingStrategy, e.TotalChunks, e.ProcessingTimeMs,
            e.LlmModelUsed, e.CreatedAt, e.UpdatedAt, e.LastEmbeddingUpdate,
            e.Chunks.Sum(c => c.ProcessingCostUsd)));

    static Task<string> EmailOfAsync(CvTailorDbContext db, CurrentUser user, CancellationToken ct) =>
        db.Users.Where(u => u.Id == user.Id).Select(u => u.Email).SingleAsync(ct);

    /// <summary>DRF's <c>page_size</c>: a positive integer, capped at 100; anything else means the default.</summary>
    static int PageSize(HttpRequest request) =>
        int.TryParse(request.Query["page_size"].LastOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
            ? Math.Min(size, MaxPageSize)
            : Pagination.DefaultPageSize;

    static JsonNode? ParseJson(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json);
        }
    }

    sealed record JobEmbeddingRow(
        Guid Id, string JobDescriptionHash, string CompanyName, string RoleTitle, string ModelUsed, int Dimensions,
        int TokensUsed, decimal CostUsd, int AccessCount, DateTime LastAccessed, DateTime CreatedAt)
    {
        public JobEmbeddingDto ToDto(string email) => new(
            Id, JobDescriptionHash, CompanyName, RoleTitle, ModelUsed, Dimensions, TokensUsed, DecimalText.Scale6(CostUsd),
            AccessCount, LastAccessed, CreatedAt, email);
    }

    sealed record EnhancedArtifactRow(
        Guid Id, int? OriginalArtifactId, string Title, string ContentType, string EmbeddingModel, int EmbeddingDimensions,
        decimal EmbeddingCostUsd, string LangchainVersion, string ProcessingStrategy, int TotalChunks, int ProcessingTimeMs,
        string LlmModelUsed, DateTime CreatedAt, DateTime UpdatedAt, DateTime? LastEmbeddingUpdate, decimal ChunkCosts)
    {
        public EnhancedArtifactDto ToDto(string email) => new(
            Id, email, OriginalArtifactId, Title, ContentType, EmbeddingModel, EmbeddingDimensions,
            DecimalText.Scale6(EmbeddingCostUsd), LangchainVersion, ProcessingStrategy, TotalChunks, ProcessingTimeMs,
            LlmModelUsed, CreatedAt, UpdatedAt, LastEmbeddingUpdate, (double)(EmbeddingCostUsd + ChunkCosts));
    }
}
