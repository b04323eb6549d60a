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

    /// <summary>The body that creates this artifact through <c>POST /api/v1/artifacts/</c> (dev types and partial dates mapped to the API's).</summary>
    public object ToApiRequest() => new
    {
        title = Title,
        description = Description,
        artifact_type = ArtifactType switch
        {
            "job" => "experience",
            "open_source" => "project",
            var t => t,
        },
        start_date = FullDate(StartDate),
        end_date = FullDate(EndDate),
        technologies = Technologies,
        collaborators = Collaborators,
        evidence_links = EvidenceLinks.Select(l => new { url = l.Url, link_type = l.LinkType, description = l.Description }),
    };

    /// <summary>A dev date ("2021", "2021-06" or a full date) as the API's full date (first day of the year or month).</summary>
    public static string? FullDate(string? partial) => partial switch
    {
        null or "" => null,
        { Length: 4 } => partial + "-01-01",
        { Length: 7 } => partial + "-01",
        _ => partial,
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
