using System.Text.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.DrfContract;

namespace CvTailor.Api.Artifacts;

/// <summary>How much of an artifact a request must carry.</summary>
public enum ArtifactWriteMode
{
    /// <summary>R2/R7: title and description required, evidence links accepted.</summary>
    Create,
    /// <summary>R4 PUT: title and description required.</summary>
    Replace,
    /// <summary>R4 PATCH: every field optional.</summary>
    Patch,
}

/// <summary>
/// Reads artifact fields from a request body with the original serializers' rules and messages, plus the checks its
/// docs asked for and its code lacked: link URLs and types are validated, list fields must be lists of strings,
/// descriptions are bounded. Unknown keys (e.g. the React client's <c>labelIds</c>) are ignored.
/// </summary>
public static class ArtifactInputReader
{
    public static ArtifactInput Read(JsonObject body, ArtifactWriteMode mode, ArtifactFieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(errors);
        var fields = errors.Fields;
        var required = mode != ArtifactWriteMode.Patch;
        var input = new ArtifactInput();

        if (body.TryReadString("title", fields, out var title, required, allowBlank: false, maxLength: ArtifactLimits.TitleMaxLength))
        {
            input.Title = title;
        }
        if (body.TryReadString("description", fields, out var description, required, allowBlank: false,
                maxLength: ArtifactLimits.DescriptionMaxLength))
        {
            input.Description = description;
        }
        if (body.TryReadChoice("artifact_type", fields, ArtifactTypes.All, out var type))
        {
            input.ArtifactType = type;
        }
        if (body.TryReadDate("start_date", fields, out var start))
        {
            input.HasStartDate = true;
            input.StartDate = start;
        }
        if (body.TryReadDate("end_date", fields, out var end))
        {
            input.HasEndDate = true;
            input.EndDate = end;
        }
        if (TryReadStringList(body, "technologies", fields, ArtifactLimits.TechnologyMaxLength, out var technologies))
        {
            input.Technologies = technologies;
        }
        if (TryReadStringList(body, "collaborators", fields, ArtifactLimits.CollaboratorMaxLength, out var collaborators))
        {
            input.Collaborators = collaborators;
        }
        if (mode == ArtifactWriteMode.Create)
        {
            input.EvidenceLinks = ReadEvidenceLinks(body, errors);
        }
        return input;
    }

    /// <summary>
    /// The date order check against the values the artifact will have after the write (the original only compared
    /// two dates sent in the same request, and never on create).
    /// </summary>
    public static void CheckDateOrder(DateOnly? start, DateOnly? end, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (start is { } s && end is { } e && e < s)
        {
            errors.Add(FieldErrors.NonField, ArtifactMessages.EndBeforeStart);
        }
    }

    /// <summary>
    /// A list of non-blank strings (trimmed, duplicates dropped ignoring case, order kept). Null is treated as an
    /// empty list, as the model's default is <c>[]</c>.
    /// </summary>
    public static bool TryReadStringList(JsonObject body, string name, FieldErrors errors, int maxItemLength, out List<string> values)
    {
        ArgumentNullException.ThrowIfNull(body);
        values = [];
        if (!body.TryGetPropertyValue(name, out var node))
        {
            return false;
        }
        return TryReadStringList(node, name, errors, maxItemLength, out values);
    }

    public static bool TryReadStringList(JsonNode? node, string name, FieldErrors errors, int maxItemLength, out List<string> values)
    {
        ArgumentNullException.ThrowIfNull(errors);
        values = [];
        if (node is null)
        {
            return true;
        }
        if (node is not JsonArray array)
        {
            errors.Add(name, DrfFields.ExpectedList(DrfFields.PythonTypeName(node)));
            return false;
        }
        if (array.Count > ArtifactLimits.ListMaxItems)
        {
            errors.Add(name, ArtifactMessages.TooManyItems(ArtifactLimits.ListMaxItems));
            return false;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonValue item || item.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(name, ArtifactMessages.ItemNotString(i));
                ok = false;
                continue;
            }
            var text = item.GetValue<string>().Trim();
            if (text.Length == 0)
            {
                errors.Add(name, ArtifactMessages.ItemBlank(i));
                ok = false;
                continue;
            }
            if (text.Length > maxItemLength)
            {
                errors.Add(name, ArtifactMessages.ItemTooLong(i, maxItemLength));
                ok = false;
                continue;
            }
            if (seen.Add(text))
            {
                values.Add(text);
            }
        }
        return ok;
    }

    static List<EvidenceLinkInput> ReadEvidenceLinks(JsonObject body, ArtifactFieldErrors errors)
    {
        const string field = ArtifactFieldErrors.EvidenceLinksField;
        var links = new List<EvidenceLinkInput>();
        if (!body.TryGetPropertyValue(field, out var node) || node is null)
        {
            return links;
        }
        if (node is not JsonArray array)
        {
            errors.Fields.Add(field, DrfFields.ExpectedList(DrfFields.PythonTypeName(node)));
            return links;
        }
        if (array.Count > ArtifactLimits.EvidenceLinksMaxItems)
        {
            errors.Fields.Add(field, ArtifactMessages.TooManyItems(ArtifactLimits.EvidenceLinksMaxItems));
            return links;
        }
        foreach (var item in array)
        {
            var linkErrors = errors.NextLink();
            if (item is not JsonObject link)
            {
                linkErrors.Add(FieldErrors.NonField, DrfFields.ExpectedDictionary(DrfFields.PythonTypeName(item)));
                continue;
            }
            if (EvidenceLinkReader.Read(link, linkErrors, acceptTypeAlias: true) is { } valid)
            {
                links.Add(valid);
            }
        }
        return links;
    }
}
