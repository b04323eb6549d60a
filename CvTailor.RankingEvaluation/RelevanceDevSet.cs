using System.Text.Json;
using System.Text.Json.Serialization;
using CvTailor.Api.Generation.Model;

namespace CvTailor.RankingEvaluation;

/// <summary>The ranking evaluation set (format described in the shared data README).</summary>
public sealed record RelevanceDevSet(
    int Version, IReadOnlyList<DevUser> Users, IReadOnlyList<DevArtifact> Artifacts, IReadOnlyList<DevJob> Jobs)
{
    /// <summary>Reference date for recency, so results do not drift with the calendar.</summary>
    public static readonly DateOnly DefaultAsOf = new(2025, 1, 1);

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static RelevanceDevSet Load(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<RelevanceDevSet>(stream, Json)
               ?? throw new InvalidDataException($"{path} holds no data set.");
    }

    /// <summary>
    /// Finds the data set: an explicit path, else <c>shared/data/relevance-dev.json</c> in or beside any parent
    /// directory of <paramref name="start"/> (the repository sits next to <c>shared/</c>).
    /// </summary>
    public static string? Locate(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[]
                     {
                         Path.Combine(dir.FullName, "shared", "data", "relevance-dev.json"),
                         Path.Combine(dir.FullName, "..", "shared", "data", "relevance-dev.json"),
                     })
            {
                if (File.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return null;
    }

    public IReadOnlyList<ArtifactDocument> ArtifactsOf(string userId) =>
        [.. Artifacts.Where(a => a.UserId == userId).Select(a => a.ToDocument())];
}

public sealed record DevUser(string Id, string Name, string Headline, string Email)
{
    public UserProfile ToProfile()
    {
        var space = Name.IndexOf(' ', StringComparison.Ordinal);
        return new UserProfile
        {
            FirstName = space > 0 ? Name[..space] : Name,
            LastName = space > 0 ? Name[(space + 1)..] : "",
            Email = Email,
            Headline = Headline,
        };
    }
}

public sealed record DevLink(string Url, string LinkType, string Description);

public sealed record DevArtifact(
    string Id,
    string UserId,
    string Title,
    string ArtifactType,
    string? StartDate,
    string? EndDate,
    IReadOnlyList<string> Technologies,
    IReadOnlyList<string> Collaborators,
    string Description,
    IReadOnlyList<DevLink> EvidenceLinks)
{
    public ArtifactDocument ToDocument() => new()
    {
        Id = Id,
        Title = Title,
        Description = Description,
        ArtifactType = ArtifactType,
        StartDate = PartialDate.Parse(StartDate),
        EndDate = PartialDate.Parse(EndDate),
        Technologies = Technologies,
        Collaborators = Collaborators,
        EvidenceLinks = [.. EvidenceLinks.Select(l => new EvidenceLinkDocument(l.Url, l.LinkType, l.Description))],
    };
}

public sealed record DevKeyword(string Term, bool Evidenced);

public sealed record DevJob(
    string Id,
    string UserId,
    string Scenario,
    string Company,
    string RoleTitle,
    string Description,
    IReadOnlyList<DevKeyword> RequiredKeywords,
    [property: JsonPropertyName("relevance")] IReadOnlyDictionary<string, int> Relevance);
