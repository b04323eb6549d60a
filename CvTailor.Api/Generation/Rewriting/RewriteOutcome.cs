using CvTailor.Api.Generation.Content;
using CvTailor.Api.Generation.Grounding;

namespace CvTailor.Api.Generation.Rewriting;

/// <summary>
/// What optional LLM rewriting did to one document, recorded in its metadata as <c>llm_rewrite</c>:
/// <c>disabled</c> (no provider), <c>applied</c> (the rewrite passed the schema and grounding checks and replaced the
/// deterministic text), <c>rejected</c> (it did not; the deterministic text stands), <c>failed</c> (the call failed or
/// timed out), <c>skipped</c> (the model's circuit breaker is open).
/// </summary>
public sealed record RewriteOutcome(string Status, string? Model = null, string? Reason = null, IReadOnlyList<string>? Problems = null)
{
    public const string Disabled = "disabled";
    public const string Applied = "applied";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
    public const string Skipped = "skipped";

    /// <summary>The accepted content (only when <see cref="Status"/> is applied).</summary>
    public CvContent? Content { get; init; }

    public GroundingReport? Grounding { get; init; }

    public int InputTokens { get; init; }

    public int OutputTokens { get; init; }

    public int DurationMs { get; init; }

    public static RewriteOutcome NotEnabled { get; } = new(Disabled);
}
