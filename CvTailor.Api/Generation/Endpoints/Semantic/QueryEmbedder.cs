using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace CvTailor.Api.Generation.Endpoints.Semantic;

/// <summary>
/// Embeds posting lines through an OpenAI-compatible <c>/v1/embeddings</c> endpoint (our Embeddings service, or a
/// hosted provider) with the OpenAI client behind <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/>. Vectors are
/// cached by model and text. Calls have their own short timeout and no retries: a caller that cannot get vectors
/// ranks without them rather than waiting.
/// </summary>
public sealed class QueryEmbedder
{
    public const string HttpClientName = "cvtailor-embeddings";

    readonly SemanticOptions _options;
    readonly IEmbeddingGenerator<string, Embedding<float>>? _generator;
    readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    public QueryEmbedder(IOptions<SemanticOptions> options, IConfiguration configuration, IHttpClientFactory httpClients)
    {
        _options = options.Value;
        Model = _options.Model ?? configuration["Search:EmbeddingModel"] ?? "use-lite";
        var endpoint = ResolveEndpoint(_options, configuration);
        if (_options.Enabled && endpoint is not null)
        {
            var client = new OpenAIClient(
                new ApiKeyCredential(string.IsNullOrEmpty(_options.ApiKey) ? "unused" : _options.ApiKey),
                new OpenAIClientOptions
                {
                    Endpoint = endpoint,
                    Transport = new HttpClientPipelineTransport(httpClients.CreateClient(HttpClientName)),
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                    NetworkTimeout = _options.Timeout,
                });
            _generator = client.GetEmbeddingClient(Model).AsIEmbeddingGenerator();
        }
    }

    public string Model { get; }

    /// <summary>False when semantics are disabled or no endpoint is configured.</summary>
    public bool IsConfigured => _generator is not null;

    public bool IsEnabled => _options.Enabled;

    /// <summary>Vectors for <paramref name="texts"/> in order; throws when the endpoint fails.</summary>
    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct)
    {
        var generator = _generator ?? throw new InvalidOperationException("No embeddings endpoint is configured.");
        var missing = texts.Where(t => !_cache.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        var fresh = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (missing.Count > 0)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.Timeout);
            var embeddings = await generator.GenerateAsync(missing, cancellationToken: timeout.Token);
            if (embeddings.Count != missing.Count)
            {
                throw new InvalidOperationException($"The embeddings endpoint returned {embeddings.Count} vectors for {missing.Count} texts.");
            }
            if (_cache.Count + missing.Count > _options.CacheSize)
            {
                _cache.Clear();
            }
            for (var i = 0; i < missing.Count; i++)
            {
                var vector = embeddings[i].Vector.ToArray();
                fresh[missing[i]] = vector;
                _cache[missing[i]] = vector;
            }
        }
        return [.. texts.Select(t => fresh.TryGetValue(t, out var v) ? v : _cache[t])];
    }

    static Uri? ResolveEndpoint(SemanticOptions options, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(options.Endpoint))
        {
            return new Uri(options.Endpoint);
        }
        // The artifact search's address, when it names a server directly rather than the discovered service.
        if (Uri.TryCreate(configuration["Search:EmbeddingsAddress"], UriKind.Absolute, out var search) && search.Host != options.ServiceName)
        {
            return new Uri(search, "v1");
        }
        // Service discovery's configuration source: services:<name>:<endpoint>:<index> (Aspire's variables).
        foreach (var scheme in new[] { "https", "http" })
        {
            if (!string.IsNullOrWhiteSpace(configuration[$"services:{options.ServiceName}:{scheme}:0"]))
            {
                return new Uri($"{scheme}://{options.ServiceName}/v1");
            }
        }
        return null;
    }
}
