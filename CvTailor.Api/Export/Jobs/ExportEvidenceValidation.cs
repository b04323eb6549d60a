using System.Text.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.Artifacts.Processing;
using CvTailor.Api.Generation.Content;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Export.Jobs;

/// <summary>
/// The contract's <c>validate_evidence_links_for_export</c>, run inside the export job before rendering: when the
/// stored options ask for evidence (<c>options.include_evidence</c> true), the CV's evidence URLs
/// (<c>experience[].evidence_references[]</c>, <c>projects[].evidence_url</c>) are checked (5 s each, a few at once,
/// all within <see cref="EvidenceOptions.ArtifactBudget"/>)
/// and the ones answering 200 are written to <c>export_options.validated_evidence_links</c> by the same SaveChanges
/// that completes the job — the original ran it as a separate task that could overwrite the export's own update.
/// </summary>
public sealed class ExportEvidenceValidation(IEvidenceLinkChecker checker, IOptions<EvidenceOptions> options)
{
    public const string Key = "validated_evidence_links";

    /// <summary>At most this many distinct URLs are checked per export.</summary>
    public const int MaxLinks = 50;

    public static bool Requested(string exportOptionsJson)
    {
        try
        {
            return JsonNode.Parse(exportOptionsJson) is JsonObject root && root["options"] is JsonObject o
                && o["include_evidence"]?.GetValueKind() == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static IReadOnlyList<string> Urls(CvContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return [.. content.Experience.SelectMany(e => e.EvidenceReferences).Concat(content.Projects.Select(p => p.EvidenceUrl))
            .Where(u => !string.IsNullOrWhiteSpace(u)).Distinct(StringComparer.Ordinal).Take(MaxLinks)];
    }

    /// <summary>Returns <paramref name="exportOptionsJson"/> with <see cref="Key"/> set to the URLs that answered 200, in content order.</summary>
    public async Task<string> ValidateAsync(string exportOptionsJson, CvContent content, CancellationToken ct)
    {
        var urls = Urls(content);
        var accessible = new bool[urls.Count];
        // The export waits for the checks, so they share one budget; links not checked within it count as not validated.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(options.Value.ArtifactBudget);
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, urls.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.MaxParallelChecks), CancellationToken = budget.Token },
                async (i, token) => accessible[i] = (await checker.CheckAsync(urls[i], options.Value.ExportTimeout, token)).Accessible);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Budget spent: keep what was confirmed.
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(exportOptionsJson) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            root = [];
        }
        root[Key] = new JsonArray([.. urls.Where((_, i) => accessible[i]).Select(u => (JsonNode?)u)]);
        return root.ToJsonString();
    }
}
