namespace CvTailor.Api.Llm.Chat;

/// <summary>
/// Configuration section <c>Llm</c>: the optional chat model that rewrites generated CVs. Off by default
/// (<c>Provider = none</c>): generation is deterministic and offline. <c>openai</c> means any OpenAI-compatible
/// chat-completions endpoint (OpenAI, Azure OpenAI's v1 endpoint, Ollama, vLLM, …) at <see cref="Endpoint"/>.
/// </summary>
public sealed class LlmOptions
{
    public const string Section = "Llm";
    public const string ProviderNone = "none";
    public const string ProviderOpenAi = "openai";

    public string Provider { get; set; } = ProviderNone;

    /// <summary>Base URL of the OpenAI-compatible API, e.g. <c>https://api.openai.com/v1</c> or <c>http://localhost:11434/v1</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>API key (a secret: from user secrets or the environment, never from appsettings in the repository).</summary>
    public string? ApiKey { get; set; }

    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>One rewrite's time limit; past it the deterministic text stands.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Transport retries of the OpenAI client (0: a failure falls back at once).</summary>
    public int MaxRetries { get; set; }

    public float Temperature { get; set; } = 0.2f;

    public int MaxOutputTokens { get; set; } = 2500;

    /// <summary>Ranked artifacts given to the model as the facts it may use.</summary>
    public int MaxArtifactsInPrompt { get; set; } = 8;

    public bool IsEnabled => string.Equals(Provider, ProviderOpenAi, StringComparison.OrdinalIgnoreCase);
}
