using System.Text.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.Auth;
using CvTailor.Api.DrfContract;
using CvTailor.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Llm.Endpoints;

/// <summary>
/// The original's read-only LLM viewsets for embedding data (contract §2.2 L9–L12) under <c>/api/v1/llm/</c>:
/// job-embeddings (+ cache_stats), enhanced-artifacts, and an enhanced artifact's chunks. The viewsets' ownership
/// rule, as for the sibling <c>/api/v1/llm/</c> reads: a user sees their own rows, staff see everyone's
/// (<see cref="LlmAccess.IsStaffAsync"/>); <c>user_email</c> is the row owner's. Vector columns are never selected.
/// </summary>
public static class EmbeddingReadEndpoints
{
    public const string Prefix = "/api/v1/llm";

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

    static async Task<Results<Ok<PagedResult<JobEmbeddingDto>>, NotFound<ApiDetail>>> ListJobEmbeddingsAsync(HttpRequest request, CurrentUser user, CvTailorDbContext db, CancellationToken ct) =>
        await JobEmbeddings(db, (await VisibleJobEmbeddingsAsync(db, user, ct))
                .OrderByDescending(j => j.LastAccessed).ThenBy(j => j.Id))
            .ToPageAsync(request, row => row.ToDto(), ct, LlmAccess.PageSize(request));

    static async Task<Results<Ok<JobEmbeddingDto>, NotFound<ApiDetail>>> GetJobEmbeddingAsync(string id, CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        var row = Guid.TryParse(id, out var guid)
            ? await JobEmbeddings(db, (await VisibleJobEmbeddingsAsync(db, user, ct)).Where(j => j.Id == guid)).SingleOrDefaultAsync(ct)
            : null;
        return row is null
            ? TypedResults.NotFound(new ApiDetail(ApiMessages.NotFound("JobDescriptionEmbedding")))
            : TypedResults.Ok(row.ToDto());
    }

    static async Task<Ok<JobEmbeddingCacheStats>> JobEmbeddingCacheStatsAsync(CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        var mine = (await VisibleJobEmbeddingsAsync(db, user, ct)).AsNoTracking();
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

    static async Task<Results<Ok<PagedResult<EnhancedArtifactDto>>, NotFound<ApiDetail>>> ListEnhancedArtifactsAsync(HttpRequest request, CurrentUser user, CvTailorDbContext db, CancellationToken ct) =>
        await EnhancedArtifacts((await VisibleEnhancedArtifactsAsync(db, user, ct))
                .OrderByDescending(e => e.CreatedAt).ThenBy(e => e.Id))
            .ToPageAsync(request, row => row.ToDto(), ct, LlmAccess.PageSize(request));

    static async Task<Results<Ok<EnhancedArtifactDto>, NotFound<ApiDetail>>> GetEnhancedArtifactAsync(string id, CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        var row = Guid.TryParse(id, out var guid)
            ? await EnhancedArtifacts((await VisibleEnhancedArtifactsAsync(db, user, ct)).Where(e => e.Id == guid)).SingleOrDefaultAsync(ct)
            : null;
        return row is null
            ? TypedResults.NotFound(new ApiDetail(ApiMessages.NotFound("EnhancedArtifact")))
            : TypedResults.Ok(row.ToDto());
    }

    static async Task<Results<Ok<List<ArtifactChunkDto>>, NotFound<ApiDetail>>> ListChunksAsync(string id, CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var guid)
            || !await (await VisibleEnhancedArtifactsAsync(db, user, ct)).AnyAsync(e => e.Id == guid, ct))
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
            LlmAccess.Fixed(c.ProcessingCostUsd, 6), c.CreatedAt)).ToList());
    }

    /// <summary>The caller's rows, or everyone's for staff (contract §2.2's rule for the LLM read-only viewsets).</summary>
    static async Task<IQueryable<Data.Llm.JobDescriptionEmbedding>> VisibleJobEmbeddingsAsync(CvTailorDbContext db, CurrentUser user, CancellationToken ct)
    {
        var staff = await LlmAccess.IsStaffAsync(db, user, ct);
        return db.JobEmbeddings.Where(j => staff || j.UserId == user.Id);
    }

    static async Task<IQueryable<Data.Llm.EnhancedArtifact>> VisibleEnhancedArtifactsAsync(CvTailorDbContext db, CurrentUser user, CancellationToken ct)
    {
        var staff = await LlmAccess.IsStaffAsync(db, user, ct);
        return db.EnhancedArtifacts.Where(e => staff || e.UserId == user.Id);
    }

    /// <summary>Filter and order before projecting: EF cannot translate members of constructor-built records.</summary>
    static IQueryable<JobEmbeddingRow> JobEmbeddings(CvTailorDbContext db, IQueryable<Data.Llm.JobDescriptionEmbedding> rows) =>
        rows.AsNoTracking().Select(j => new JobEmbeddingRow(
            j.Id, j.JobDescriptionHash, j.CompanyName, j.RoleTitle, j.ModelUsed, j.Dimensions, j.TokensUsed, j.CostUsd,
            j.AccessCount, j.LastAccessed, j.CreatedAt, db.Users.Where(u => u.Id == j.UserId).Select(u => u.Email).First()));

    static IQueryable<EnhancedArtifactRow> EnhancedArtifacts(IQueryable<Data.Llm.EnhancedArtifact> rows) =>
        rows.AsNoTracking().Select(e => new EnhancedArtifactRow(
            e.Id, e.OriginalArtifactId, e.Title, e.ContentType, e.EmbeddingModel, e.EmbeddingDimensions,
            e.EmbeddingCostUsd, e.LangchainVersion, e.ProcessingStrategy, e.TotalChunks, e.ProcessingTimeMs,
            e.LlmModelUsed, e.CreatedAt, e.UpdatedAt, e.LastEmbeddingUpdate,
            e.Chunks.Sum(c => c.ProcessingCostUsd), e.User!.Email));

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
        int TokensUsed, decimal CostUsd, int AccessCount, DateTime LastAccessed, DateTime CreatedAt, string Email)
    {
        public JobEmbeddingDto ToDto() => new(
            Id, JobDescriptionHash, CompanyName, RoleTitle, ModelUsed, Dimensions, TokensUsed, LlmAccess.Fixed(CostUsd, 6),
            AccessCount, LastAccessed, CreatedAt, Email);
    }

    sealed record EnhancedArtifactRow(
        Guid Id, int? OriginalArtifactId, string Title, string ContentType, string EmbeddingModel, int EmbeddingDimensions,
        decimal EmbeddingCostUsd, string LangchainVersion, string ProcessingStrategy, int TotalChunks, int ProcessingTimeMs,
        string LlmModelUsed, DateTime CreatedAt, DateTime UpdatedAt, DateTime? LastEmbeddingUpdate, decimal ChunkCosts, string Email)
    {
        public EnhancedArtifactDto ToDto() => new(
            Id, Email, OriginalArtifactId, Title, ContentType, EmbeddingModel, EmbeddingDimensions,
            LlmAccess.Fixed(EmbeddingCostUsd, 6), LangchainVersion, ProcessingStrategy, TotalChunks, ProcessingTimeMs,
            LlmModelUsed, CreatedAt, UpdatedAt, LastEmbeddingUpdate, (double)(EmbeddingCostUsd + ChunkCosts));
    }
}
