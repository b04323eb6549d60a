using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace CvTailor.Api.QueryEmbeddings;

/// <summary>
/// The Api's one query-embedding client, used by artifact search and semantic matching: an OpenAI-compatible
/// <c>POST /v1/embeddings</c> (our Embeddings service by service discovery, or an explicit base URL with an API key)
/// through the OpenAI client, behind <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/>. Texts are embedded in one
/// batch per call, cached per (SHA-256 of the text, model), and every call has one time limit and no retries. Each
/// returned <see cref="Embedding{T}.ModelId"/> is the model that produced the vector: callers compare stored rows with
/// that, so vectors of two models never meet. Failures surface as <see cref="QueryEmbeddingException"/>.
/// </summary>
public sealed partial class QueryEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string HttpClientName = "cvtailor-query-embeddings";

    /// <summary>The Embeddings service's default model, reported before any model is known.</summary>
    public const string DefaultModel = "use-lite";

    readonly QueryEmbeddingOptions _options;
    readonly IHttpClientFactory _httpClients;
    readonly QueryVectorCache _cache;
    readonly TimeProvider _time;
    readonly ILogger _logger;
    readonly ConcurrentDictionary<string, IEmbeddingGenerator<string, Embedding<float>>> _clients = new(StringComparer.Ordinal);
    readonly EmbeddingGeneratorMetadata _metadata;
    volatile LearnedModel? _learned;

    public QueryEmbeddingGenerator(
        IOptions<QueryEmbeddingOptions> options, IConfiguration configuration, IHttpClientFactory httpClients, QueryVectorCache cache,
        TimeProvider time, ILogger<QueryEmbeddingGenerator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        _options = options.Value;
        _httpClients = httpClients;
        _cache = cache;
        _time = time;
        _logger = logger;
        Endpoint = ResolveEndpoint(_options, configuration);
        _metadata = new EmbeddingGeneratorMetadata("openai-compatible", Endpoint, _options.Model);
    }

    /// <summary>The OpenAI-compatible base URL (ending in <c>/v1</c>), or null when nothing is configured.</summary>
    public Uri? Endpoint { get; }

    public bool IsConfigured => Endpoint is not null;

    /// <summary>The configured model, else the one last learned from the endpoint, else <see cref="DefaultModel"/>.</summary>
    public string KnownModel => _options.Model ?? _learned?.Model ?? DefaultModel;

    public QueryVectorCache Cache => _cache;

    /// <summary>
    /// The model to ask for: the configured one, or the single model the endpoint lists at <c>GET /v1/models</c>
    /// (asked again after <see cref="QueryEmbeddingOptions.ModelRefresh"/>, or after the endpoint refused the model).
    /// </summary>
    public async Task<string> ResolveModelAsync(CancellationToken ct)
    {
        if (_options.Model is { Length: > 0 } configured)
        {
            return configured;
        }
        if (_learned is { } learned && _time.GetUtcNow() < learned.Until)
        {
            return learned.Model;
        }
        var endpoint = Endpoint ?? throw new QueryEmbeddingException("No embeddings endpoint is configured.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            var model = await FetchServedModelAsync(endpoint, timeout.Token);
            _learned = new LearnedModel(model, _time.GetUtcNow() + _options.ModelRefresh);
            LogModelLearned(_logger, model);
            return model;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested
                                   && ex is HttpRequestException or OperationCanceledException or JsonException or InvalidOperationException)
        {
            throw new QueryEmbeddingException($"The embeddings endpoint did not say which model it serves: {ex.Message}", ex);
        }
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IReadOnlyList<string> ?? [.. values];
        if (texts.Count == 0)
        {
            return [];
        }
        if (Endpoint is null)
        {
            throw new QueryEmbeddingException("No embeddings endpoint is configured.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        string model;
        try
        {
            model = options?.ModelId ?? await ResolveModelAsync(timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new QueryEmbeddingException($"The embeddings endpoint did not answer within {_options.Timeout}.", ex);
        }

        var hashes = texts.Select(QueryVectorCache.Hash).ToArray();
        var vectors = new float[texts.Count][];
        var models = new string[texts.Count];
        var missing = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
        {
            if (missing.TryGetValue(hashes[i], out var same))
            {
                same.Add(i);
            }
            else if (_cache.TryGet(hashes[i], model, out var cached))
            {
                vectors[i] = cached;
                models[i] = model;
            }
            else
            {
                missing[hashes[i]] = [i];
            }
        }

        if (missing.Count > 0)
        {
            var batch = missing.Values.Select(positions => texts[positions[0]]).ToList();
            GeneratedEmbeddings<Embedding<float>> fresh;
            try
            {
                fresh = await ClientFor(model).GenerateAsync(batch, cancellationToken: timeout.Token);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested
                                       // InvalidOperationException: service discovery found no address for the name.
                                       && ex is ClientResultException or HttpRequestException or OperationCanceledException or JsonException
                                           or InvalidOperationException)
            {
                if (ex is ClientResultException { Status: (int)HttpStatusCode.NotFound })
                {
                    // The endpoint no longer serves the learned model (the Embeddings service switched): ask again next time.
                    _learned = null;
                }
                throw new QueryEmbeddingException($"The embeddings endpoint could not embed {batch.Count} text(s) with model '{model}': {ex.Message}", ex);
            }
            if (fresh.Count != batch.Count)
            {
                throw new QueryEmbeddingException($"The embeddings endpoint returned {fresh.Count} vectors for {batch.Count} texts.");
            }
            var b = 0;
            foreach (var (hash, positions) in missing)
            {
                var embedding = fresh[b++];
                var vector = embedding.Vector.ToArray();
                if (vector.Length == 0)
                {
                    throw new QueryEmbeddingException("The embeddings endpoint returned an empty vector.");
                }
                // The answer names the model that made the vector; that, not the request, is what stored rows must match.
                var madeBy = string.IsNullOrEmpty(embedding.ModelId) ? model : embedding.ModelId;
                _cache.Set(hash, madeBy, vector);
                foreach (var i in positions)
                {
                    vectors[i] = vector;
                    models[i] = madeBy;
                }
            }
        }

        var now = _time.GetUtcNow();
        return [.. vectors.Select((v, i) => new Embedding<float>(v) { ModelId = models[i], CreatedAt = now })];
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Nothing to release: the HTTP handlers belong to the factory and the cache to the container.</summary>
    public void Dispose()
    {
    }

    IEmbeddingGenerator<string, Embedding<float>> ClientFor(string model) => _clients.GetOrAdd(model, m =>
        new OpenAIClient(
                // The SDK insists on a key; servers without keys (our Embeddings service by default) ignore it.
                new ApiKeyCredential(string.IsNullOrEmpty(_options.ApiKey) ? "unused" : _options.ApiKey),
                new OpenAIClientOptions
                {
                    Endpoint = Endpoint,
                    Transport = new HttpClientPipelineTransport(_httpClients.CreateClient(HttpClientName)),
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                    NetworkTimeout = _options.Timeout,
                })
            .GetEmbeddingClient(m)
            .AsIEmbeddingGenerator());

    async Task<string> FetchServedModelAsync(Uri endpoint, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint.ToString().TrimEnd('/') + "/models"));
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        }
        var http = _httpClients.CreateClient(HttpClientName);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET /v1/models answered {(int)response.StatusCode}.", null, response.StatusCode);
        }
        var list = await response.Content.ReadFromJsonAsync<ModelList>(ct);
        var ids = list?.Data?.Select(m => m.Id).Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList() ?? [];
        return ids switch
        {
            [var only] => only!,
            [] => throw new HttpRequestException("GET /v1/models listed no model."),
            _ => throw new HttpRequestException(
                $"GET /v1/models listed {ids.Count} models; set {QueryEmbeddingOptions.Section}:Model to the one the Embeddings worker writes."),
        };
    }

    static Uri? ResolveEndpoint(QueryEmbeddingOptions options, IConfiguration configuration)
    {
        if (options.Endpoint is not null)
        {
            return options.Endpoint;
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

    sealed record LearnedModel(string Model, DateTimeOffset Until);

    sealed record ModelList([property: JsonPropertyName("data")] IReadOnlyList<ModelCard>? Data);

    sealed record ModelCard([property: JsonPropertyName("id")] string? Id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Query embeddings use model {Model}, as listed by the embeddings endpoint")]
    static partial void LogModelLearned(ILogger logger, string model);
}
