using System.Text.Json;
using CvTailor.Data.Artifacts;

namespace CvTailor.Api.Artifacts;

/// <summary>
/// One of R15's five edits, applied to one artifact. List edits keep the artifact's order, add only values it does
/// not have and compare ignoring case (the original went through Python sets: order lost, case-sensitive).
/// </summary>
public sealed record BulkEditAction(string Name, IReadOnlyList<string> Values, string? ArtifactType)
{
    public const string AddTechnologies = "add_technologies";
    public const string RemoveTechnologies = "remove_technologies";
    public const string UpdateType = "update_type";
    public const string AddCollaborators = "add_collaborators";
    public const string RemoveCollaborators = "remove_collaborators";

    public static IReadOnlyList<string> All { get; } =
        [AddTechnologies, RemoveTechnologies, UpdateType, AddCollaborators, RemoveCollaborators];

    /// <summary>Applies the edit; returns an error message (and changes nothing) when the stored value cannot take it.</summary>
    public string? ApplyTo(Artifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        switch (Name)
        {
            case UpdateType:
                artifact.ArtifactType = ArtifactType!;
                return null;
            case AddTechnologies or RemoveTechnologies:
                return Edit(artifact.Technologies, "technologies", Name == AddTechnologies, json => artifact.Technologies = json);
            case AddCollaborators or RemoveCollaborators:
                return Edit(artifact.Collaborators, "collaborators", Name == AddCollaborators, json => artifact.Collaborators = json);
            default:
                throw new InvalidOperationException($"Unknown bulk action {Name}.");
        }
    }

    string? Edit(string stored, string field, bool add, Action<string> write)
    {
        var items = JsonColumn.ArrayItems(stored);
        if (items is null)
        {
            return $"The artifact's {field} value is not a list.";
        }
        static string? Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        if (add)
        {
            var present = new HashSet<string>(items.Select(Text).OfType<string>(), StringComparer.OrdinalIgnoreCase);
            items.AddRange(Values.Where(present.Add).Select(v => JsonSerializer.SerializeToElement(v)));
        }
        else
        {
            var remove = new HashSet<string>(Values, StringComparer.OrdinalIgnoreCase);
            items.RemoveAll(e => Text(e) is { } s && remove.Contains(s));
        }
        write(JsonColumn.FromElements(items));
        return null;
    }
}
