namespace CvTailor.Api.Artifacts;

/// <summary>Values of <c>artifacts_evidencelink.link_type</c>.</summary>
public static class EvidenceLinkTypes
{
    public const string Document = "document";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = ["github", "live_app", Document, "website", "portfolio", Other];

    /// <summary>
    /// The original React upload form offers <c>paper</c> and <c>video</c>, which the model never listed; they are
    /// stored as the nearest real choice so that form keeps working (docs/api-divergences.md).
    /// </summary>
    public static IReadOnlyDictionary<string, string> LegacyAliases { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["paper"] = Document,
        ["video"] = Other,
    };

    public static string Normalize(string value) => LegacyAliases.TryGetValue(value, out var mapped) ? mapped : value;

    public static IReadOnlyList<string> Accepted { get; } = [.. All, .. LegacyAliases.Keys];
}
