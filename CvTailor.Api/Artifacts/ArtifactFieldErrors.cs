using CvTailor.Api.DrfContract;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CvTailor.Api.Artifacts;

/// <summary>
/// DRF's error shape including nested evidence links: <c>{"title": [...], "evidence_links": [{}, {"url": [...]}]}</c>
/// (one object per submitted link, empty for the valid ones), as a nested serializer with <c>many=True</c> reports.
/// </summary>
public sealed class ArtifactFieldErrors
{
    public const string EvidenceLinksField = "evidence_links";

    readonly List<FieldErrors> _links = [];

    public FieldErrors Fields { get; } = new();

    public bool HasErrors => Fields.HasErrors || _links.Any(l => l.HasErrors);

    /// <summary>Errors of the next submitted link (call once per link, in order).</summary>
    public FieldErrors NextLink()
    {
        var errors = new FieldErrors();
        _links.Add(errors);
        return errors;
    }

    public IReadOnlyDictionary<string, object> ToDictionary()
    {
        var body = Fields.ToDictionary().ToDictionary(e => e.Key, e => (object)e.Value, StringComparer.Ordinal);
        if (!body.ContainsKey(EvidenceLinksField) && _links.Any(l => l.HasErrors))
        {
            body[EvidenceLinksField] = _links.Select(l => l.ToDictionary()).ToList();
        }
        return body;
    }

    public BadRequest<IReadOnlyDictionary<string, object>> ToBadRequest() => TypedResults.BadRequest(ToDictionary());
}
