using System.Globalization;
using System.Text.Json;
using CvTailor.Api.Generation.Model;
using CvTailor.Data;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Generation.Endpoints;

/// <summary>
/// Loads one user's artifacts and profile into the generation core's plain records. Every query filters by the
/// user id; nothing else ever reaches the generator, which is what keeps one user's facts out of another's CV.
/// </summary>
public static class UserArtifacts
{
    public static async Task<IReadOnlyList<ArtifactDocument>> LoadAsync(CvTailorDbContext db, long userId, CancellationToken ct)
    {
        var rows = await db.Artifacts.AsNoTracking()
            .Where(a => a.UserId == userId)
            .OrderBy(a => a.Id)
            .Select(a => new
            {
                a.Id, a.Title, a.Description, a.ArtifactType, a.StartDate, a.EndDate, a.Technologies, a.Collaborators,
                Links = a.EvidenceLinks.OrderBy(l => l.Id).Select(l => new { l.Url, l.LinkType, l.Description }).ToList(),
            })
            .ToListAsync(ct);
        return [.. rows.Select(a => new ArtifactDocument
        {
            Id = a.Id.ToString(CultureInfo.InvariantCulture),
            Title = a.Title,
            Description = a.Description,
            ArtifactType = a.ArtifactType,
            StartDate = a.StartDate,
            EndDate = a.EndDate,
            Technologies = Strings(a.Technologies),
            Collaborators = Strings(a.Collaborators),
            // Uploaded files are evidence links with a storage path ('/media/…'); a CV can only cite real URLs.
            EvidenceLinks = [.. a.Links.Where(l => IsWebUrl(l.Url)).Select(l => new EvidenceLinkDocument(l.Url, l.LinkType, l.Description))],
        })];
    }

    public static async Task<UserProfile> LoadProfileAsync(CvTailorDbContext db, long userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.FirstName, u.LastName, u.Username, u.Email, u.Phone, u.Location, u.LinkedinUrl, u.GithubUrl, u.WebsiteUrl, u.Bio })
            .SingleAsync(ct);
        return new UserProfile
        {
            FirstName = user.FirstName,
            LastName = user.LastName,
            DisplayName = user.Username,
            Email = user.Email,
            Phone = user.Phone,
            Location = user.Location,
            LinkedinUrl = user.LinkedinUrl,
            GithubUrl = user.GithubUrl,
            WebsiteUrl = user.WebsiteUrl,
            Headline = FirstLine(user.Bio),
        };
    }

    public static bool IsWebUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    static string FirstLine(string text)
    {
        var line = text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return line.Length <= 200 ? line : line[..200];
    }

    /// <summary>The strings of a JSON array column (technologies, collaborators); other items are written as text.</summary>
    static List<string> Strings(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [];
            }
            return [.. document.RootElement.EnumerateArray()
                .Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText())
                .Where(s => !string.IsNullOrWhiteSpace(s))];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
