using System.Text.Json.Nodes;

namespace CvTailor.Api.Artifacts.Processing;

/// <summary>
/// The outcome of one evidence-link check: the final status after redirects (accessible ⇔ 200, as the contract
/// says) or why there is none. <see cref="ValidationMetadata"/> is the <c>validation_metadata</c> column's shape.
/// </summary>
public sealed record LinkCheckResult(int? StatusCode, IReadOnlyDictionary<string, string> Headers, string? FinalUrl, string? Error)
{
    public bool Accessible => Error is null && StatusCode == 200;

    /// <summary>Outcome label for telemetry: accessible, unreachable (an answer other than 200), error, or refused.</summary>
    public string Outcome { get; init; } = "";

    public static LinkCheckResult Answered(int statusCode, IReadOnlyDictionary<string, string> headers, string finalUrl) =>
        new(statusCode, headers, finalUrl, null) { Outcome = statusCode == 200 ? "accessible" : "unreachable" };

    public static LinkCheckResult Failed(string error) => new(null, new Dictionary<string, string>(), null, error) { Outcome = "error" };

    public static LinkCheckResult Refused(string error) => new(null, new Dictionary<string, string>(), null, error) { Outcome = "refused" };

    /// <summary><c>{status_code, headers, final_url}</c> or <c>{error}</c>.</summary>
    public JsonObject ValidationMetadata()
    {
        if (Error is not null)
        {
            return new JsonObject { ["error"] = Error };
        }
        var headers = new JsonObject();
        foreach (var (name, value) in Headers)
        {
            headers[name] = value;
        }
        return new JsonObject { ["status_code"] = StatusCode, ["headers"] = headers, ["final_url"] = FinalUrl };
    }

    /// <summary>One entry of the processing job's <c>evidence_validation_results</c>.</summary>
    public JsonObject JobResult() => Error is not null
        ? new JsonObject { ["status"] = "error", ["error"] = Error, ["accessible"] = false }
        : new JsonObject { ["status"] = "success", ["status_code"] = StatusCode, ["accessible"] = Accessible };
}
