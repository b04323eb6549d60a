namespace CvTailor.Api.Llm;

/// <summary>
/// The models the service knows, with the original's prices (USD per 1K tokens, contract §4.3) plus our own local
/// ones. Used to price recorded calls (<c>model_performance_metrics</c>, <c>model_cost_tracking</c>) and by
/// <c>select-model</c> / <c>available-models</c>.
/// </summary>
public static class ModelRegistry
{
    public const string Deterministic = "cvtailor-deterministic";
    public const string LocalEmbedding = "use-lite";

    public static IReadOnlyList<ModelInfo> Models { get; } =
    [
        new(Deterministic, "local", "generation", 0, 0, 0, 0, "free", false, "Offline CV and cover-letter generator (default)."),
        new(LocalEmbedding, "local", "embedding", 0, 0, 128, 512, "free", false, "Universal Sentence Encoder Lite, 512 dimensions (default)."),
        new("gpt-4o", "openai", "chat", 0.0025m, 0.01m, 128000, 16384, "high", false, null),
        new("gpt-4o-mini", "openai", "chat", 0.00015m, 0.0006m, 128000, 16384, "medium", false, null),
        new("claude-sonnet-4-20250514", "anthropic", "chat", 0.003m, 0.015m, 200000, 64000, "high", false, null),
        new("claude-opus-4-1-20250805", "anthropic", "chat", 0.015m, 0.075m, 200000, 32000, "premium", false, null),
        new("gpt-3.5-turbo", "openai", "chat", 0.0005m, 0.0015m, 16385, 4096, "medium", true, null),
        new("text-embedding-3-small", "openai", "embedding", 0.00002m, 0, 8191, 1536, "standard", false, null),
        new("text-embedding-3-large", "openai", "embedding", 0.00013m, 0, 8191, 3072, "premium", false, null),
        new("text-embedding-ada-002", "openai", "embedding", 0.0001m, 0, 8191, 1536, "standard", true, null),
    ];

    public static ModelInfo? Find(string name) => Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Cost of a call in USD (0 for unknown or local models), rounded to the columns' 6 decimals.</summary>
    public static decimal Cost(string model, long inputTokens, long outputTokens) =>
        Find(model) is { } m ? Math.Round((inputTokens / 1000m * m.InputPer1K) + (outputTokens / 1000m * m.OutputPer1K), 6) : 0m;
}

/// <summary>One model: provider, kind (chat, embedding, generation), prices per 1K tokens, limits, tier.</summary>
/// <param name="MaxOutput">Output token limit for chat models; the vector width for embedding models.</param>
public sealed record ModelInfo(
    string Name, string Provider, string Kind, decimal InputPer1K, decimal OutputPer1K, int ContextWindow, int MaxOutput, string Tier,
    bool Deprecated, string? Description);
