using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Search;

/// <summary>
/// Query vectors in memory per (SHA-256 of the text, model), bounded by entry count. Memory rather than
/// <c>job_embeddings</c>: that table is the original's job-description cache (one row per global hash, owned by a
/// user), and search queries are short-lived, per-instance and cheap to recompute.
/// </summary>
public sealed class QueryEmbeddingCache : IDisposable
{
    readonly MemoryCache _cache;
    readonly EmbeddingsClient _client;
    readonly string _model;

    public QueryEmbeddingCache(EmbeddingsClient client, IOptions<SearchOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _model = options.Value.EmbeddingModel;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.QueryCacheEntries) });
    }

    long _hits;
    long _misses;

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public async Task<QueryVector> GetAsync(string text, CancellationToken ct)
    {
        var key = (Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), _model);
        if (_cache.TryGetValue(key, out QueryVector? cached) && cached is not null)
        {
            Interlocked.Increment(ref _hits);
            return cached;
        }
        Interlocked.Increment(ref _misses);
        var vector = await _client.EmbedAsync(text, ct);
        _cache.Set(key, vector, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        return vector;
    }

    public void Dispose() => _cache.Dispose();
}
