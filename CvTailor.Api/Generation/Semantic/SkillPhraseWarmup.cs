using System.Data.Common;
using System.Diagnostics;
using CvTailor.Api.Generation.Caching;
using CvTailor.Api.Generation.Matching;
using CvTailor.Api.QueryEmbeddings;
using CvTailor.Data;

namespace CvTailor.Api.Generation.Semantic;

/// <summary>
/// Builds the current taxonomy's <see cref="SkillPhraseIndex"/> once the embeddings service answers, so the first
/// match after a start does not wait for its ~2,000 phrases to be embedded (about a second and a half here). The
/// service may come up after the Api, so a failed attempt is tried again a few times, further apart each time; after
/// that the first match that needs the index builds it.
/// </summary>
public sealed partial class SkillPhraseWarmup(
    QueryEmbedder embedder, SkillPhraseIndexCache indexes, TaxonomyProvider taxonomies, IServiceScopeFactory scopes, RankingOptions ranking,
    ILogger<SkillPhraseWarmup> logger) : BackgroundService
{
    static readonly TimeSpan[] Delays = [.. new[] { 1, 2, 4, 8, 15, 30, 60 }.Select(s => TimeSpan.FromSeconds(s))];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!embedder.IsEnabled || !embedder.IsConfigured || ranking.KeywordSkillThreshold > 1)
        {
            return;
        }
        foreach (var delay in Delays)
        {
            await Task.Delay(delay, stoppingToken);
            try
            {
                var started = Stopwatch.GetTimestamp();
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CvTailorDbContext>();
                var taxonomy = await taxonomies.GetAsync(db, stoppingToken);
                var model = await embedder.ResolveModelAsync(stoppingToken);
                var index = await indexes.GetAsync(
                    taxonomy.Taxonomy, model, (texts, ct) => embedder.EmbedOfModelAsync(texts, model, ct), stoppingToken);
                LogReady(logger, index.Count, model, taxonomy.Version, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Never fatal: an unhandled exception here would stop the host, and matching works without the index.
                if (ex is QueryEmbeddingException or DbException or TimeoutException && delay != Delays[^1])
                {
                    LogNotYet(logger, ex, delay.TotalSeconds);
                }
                else
                {
                    LogGaveUp(logger, ex);
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Skill phrase index ready: {Phrases} phrases of model {Model}, taxonomy {TaxonomyVersion}, in {ElapsedMs:0} ms")]
    static partial void LogReady(ILogger logger, int phrases, string model, string taxonomyVersion, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skill phrase index not built at start-up; the first match that needs it builds it")]
    static partial void LogGaveUp(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skill phrase index not built yet (attempt after {DelaySeconds} s); trying again later")]
    static partial void LogNotYet(ILogger logger, Exception exception, double delaySeconds);
}
