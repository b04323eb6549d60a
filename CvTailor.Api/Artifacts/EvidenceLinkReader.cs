using System.Text.Json.Nodes;
using CvTailor.Api.DrfContract;

namespace CvTailor.Api.Artifacts;

/// <summary>
/// An evidence link's <c>url</c>, <c>link_type</c> and <c>description</c> with the rules of the original's
/// <c>EvidenceLinkCreateSerializer</c> (a valid URL that starts with http:// or https://, a listed link type), applied
/// everywhere links are written.
/// </summary>
public static class EvidenceLinkReader
{
    /// <param name="acceptTypeAlias">Nested links (R2, R7) may say <c>type</c> instead of <c>link_type</c>.</param>
    public static EvidenceLinkInput? Read(JsonObject body, FieldErrors errors, bool acceptTypeAlias)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(errors);
        var ok = body.TryReadUrl("url", errors, out var url, required: true, allowBlank: false, maxLength: ArtifactLimits.UrlMaxLength);
        if (ok && !url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("url", ArtifactMessages.UrlScheme);
            ok = false;
        }

        var typeField = acceptTypeAlias && !body.ContainsKey("link_type") && body.ContainsKey("type") ? "type" : "link_type";
        if (body.TryReadChoice(typeField, errors, EvidenceLinkTypes.Accepted, out var linkType, required: true))
        {
            linkType = EvidenceLinkTypes.Normalize(linkType);
        }
        else
        {
            ok = false;
        }

        var description = "";
        if (body.ContainsKey("description") && body["description"] is not null
            && !body.TryReadString("description", errors, out description, maxLength: ArtifactLimits.LinkDescriptionMaxLength))
        {
            ok = false;
        }
        return ok ? new EvidenceLinkInput(url, linkType, description) : null;
    }
}
