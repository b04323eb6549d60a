using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace CvTailor.Api.QueryEmbeddings;

/// <summary>
/// Query vectors in memory per (SHA-256 of the text, model), bounded by entry count, each dropped after a sliding
/// idle time. Memory rather than <c>job_embeddings</c>: that table is the original's per-user job-description cache,
/// and query vectors are cheap to recompute and per instance. Hits and misses are counted on the CvTailor.Api meter.
/// </summary>
public sealed class QueryVectorCache : IDisposable
{
    static readonly Meter Meter = new(CvTailorTelemetry.Api);

    static readonly Counter<long> Lookups = Meter.CreateCounter<long>(
        TelemetryNames.Instruments.QueryEmbeddingCache, unit: "{lookup}",
        description: "Query-embedding cache lookups (cvtailor.cache.result = hit | miss).");

    readonly MemoryCache _cache;
    readonly TimeSpan _slidingExpiration;
    long _hits;
    long _misses;

    public QueryVectorCache(int entries, TimeSpan slidingExpiration)
    {
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, entries) });
        _slidingExpiration = slidingExpiration;
    }

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public bool TryGet(string textHash, string model, out float[] vector)
    {
        var hit = _cache.TryGetValue((textHash, model), out float[]? found) && found is not null;
        if (hit)
        {
            Interlocked.Increment(ref _hits);
        }
        else
        {
            Interlocked.Increment(ref _misses);
        }
        Lookups.Add(1, new KeyValuePair<string, object?>(TelemetryNames.Attributes.CacheResult, hit ? "hit" : "miss"),
            new KeyValuePair<string, object?>(TelemetryNames.Attributes.EmbeddingModel, model));
        vector = found ?? [];
        return hit;
    }

    public void Set(string textHash, string model, float[] vector) =>
        _cache.Set((textHash, model), vector, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = _slidingExpiration });

    public void Dispose() => _cache.Dispose();
}
