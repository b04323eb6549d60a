using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CvTailor.Api.Auth.Google;

/// <summary>
/// Google's signing keys, fetched from the configured JWKS URL and cached; a refetch is forced (at most once a
/// minute) when a token names a key id we do not have, which is how key rotation shows up.
/// </summary>
public sealed partial class GoogleKeySet(HttpClient http, IOptions<GoogleOptions> options, TimeProvider time, ILogger<GoogleKeySet> logger)
    : IDisposable
{
    public const string HttpClientName = "google-jwks";
    static readonly TimeSpan s_minimumRefetchInterval = TimeSpan.FromMinutes(1);

    readonly SemaphoreSlim _lock = new(1, 1);
    IReadOnlyList<SecurityKey> _keys = [];
    DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    /// <summary>The current keys. Throws <see cref="GoogleUnavailableException"/> when none can be had.</summary>
    public async Task<IReadOnlyList<SecurityKey>> GetKeysAsync(bool forceRefresh, CancellationToken ct)
    {
        var o = options.Value;
        var age = time.GetUtcNow() - _fetchedAt;
        if (_keys.Count > 0 && age < o.JwksCacheDuration && !(forceRefresh && age >= s_minimumRefetchInterval))
        {
            return _keys;
        }
        await _lock.WaitAsync(ct);
        try
        {
            age = time.GetUtcNow() - _fetchedAt;
            if (_keys.Count > 0 && age < o.JwksCacheDuration && !(forceRefresh && age >= s_minimumRefetchInterval))
            {
                return _keys;
            }
            var url = o.JwksUrl ?? throw new GoogleUnavailableException($"{GoogleOptions.Section}:JwksUrl is not set.");
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(o.JwksFetchTimeout);
                var json = await http.GetStringAsync(url, timeout.Token);
                var keys = new JsonWebKeySet(json).GetSigningKeys();
                if (keys.Count == 0)
                {
                    throw new GoogleUnavailableException("The JWKS document has no signing keys.");
                }
                _keys = [.. keys];
                _fetchedAt = time.GetUtcNow();
                return _keys;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or ArgumentException
                                           or System.Text.Json.JsonException && !ct.IsCancellationRequested)
            {
                LogFetchFailed(logger, ex.GetType().Name);
                if (_keys.Count > 0)
                {
                    // Keep signing in with the last good keys while Google's endpoint is unreachable.
                    return _keys;
                }
                throw new GoogleUnavailableException("Google's signing keys could not be fetched.", ex);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching Google's signing keys failed ({Error})")]
    static partial void LogFetchFailed(ILogger logger, string error);
}

/// <summary>Google sign-in cannot verify anything right now (not configured, keys unreachable).</summary>
public sealed class GoogleUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
