using System.Globalization;

namespace CvTailor.Api.QueryEmbeddings;

/// <summary>
/// The keys the two former clients read, applied before the <c>QueryEmbeddings</c> section binds (so a new key
/// wins). Where both old sections name a setting, <c>Generation:Semantic</c>'s wins (the matcher already read
/// <c>Search:EmbeddingModel</c> only as its own fallback).
/// </summary>
public static class LegacyQueryEmbeddingKeys
{
    public static void Apply(QueryEmbeddingOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var semantic = configuration.GetSection("Generation:Semantic");
        var search = configuration.GetSection("Search");

        options.ServiceName = semantic["ServiceName"] is { Length: > 0 } service ? service : options.ServiceName;
        options.Model = First(semantic["Model"], search["EmbeddingModel"]) ?? options.Model;
        options.ApiKey = First(semantic["ApiKey"]) ?? options.ApiKey;
        if (Uri.TryCreate(semantic["Endpoint"], UriKind.Absolute, out var endpoint))
        {
            options.Endpoint = endpoint;
        }
        // Search's address named the service itself (http://embeddings) unless it pointed at a server directly.
        else if (Uri.TryCreate(search["EmbeddingsAddress"], UriKind.Absolute, out var address) && address.Host != options.ServiceName)
        {
            options.Endpoint = new Uri(address.ToString().TrimEnd('/') + "/v1");
        }
        if (TryTimeSpan(First(semantic["Timeout"], search["EmbeddingTimeout"]), out var timeout))
        {
            options.Timeout = timeout;
        }
        if (int.TryParse(First(semantic["CacheSize"], search["QueryCacheEntries"]), NumberStyles.None, CultureInfo.InvariantCulture, out var entries))
        {
            options.CacheEntries = entries;
        }
    }

    static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    static bool TryTimeSpan(string? value, out TimeSpan result) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out result);
}
