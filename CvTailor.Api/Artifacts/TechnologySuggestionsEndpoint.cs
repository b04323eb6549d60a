using CvTailor.Api.Auth;
using CvTailor.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Artifacts;

/// <summary>R10: technology suggestions for autocomplete.</summary>
public static class TechnologySuggestionsEndpoint
{
    /// <summary>The original's fixed list, in its order.</summary>
    public static IReadOnlyList<string> Common { get; } =
    [
        "Python", "JavaScript", "TypeScript", "React", "Node.js", "Django", "Flask", "FastAPI", "Vue.js", "Angular",
        "HTML", "CSS", "SASS", "PostgreSQL", "MySQL", "MongoDB", "Redis", "Docker", "Kubernetes", "AWS", "Azure", "GCP",
        "Git", "Jenkins", "GitHub Actions", "Machine Learning", "Data Science", "TensorFlow", "PyTorch", "REST API",
        "GraphQL", "Microservices", "Agile", "Scrum",
    ];

    public const int MaxWithoutQuery = 20;
    public const int MaxWithQuery = 10;

    public sealed record SuggestionsDto(IReadOnlyList<string> Suggestions);

    /// <summary>
    /// The caller's own technologies (most used first) come before the fixed list, so autocomplete offers what the
    /// user already wrote; no <c>q</c> → first 20, with <c>q</c> → up to 10 case-insensitive substring matches.
    /// </summary>
    public static async Task<Ok<SuggestionsDto>> GetAsync(HttpRequest request, CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        var q = request.Query["q"].LastOrDefault()?.Trim() ?? "";
        var own = await db.Database.SqlQuery<string>($"""
            SELECT t.value AS "Value"
            FROM artifacts_artifact AS a,
                 jsonb_array_elements_text(CASE jsonb_typeof(a.technologies) WHEN 'array' THEN a.technologies ELSE '[]'::jsonb END) AS t(value)
            WHERE a.user_id = {user.Id} AND length(t.value) BETWEEN 1 AND {ArtifactLimits.TechnologyMaxLength}
            GROUP BY t.value
            ORDER BY count(*) DESC, t.value
            LIMIT 200
            """).ToListAsync(ct);

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var all = own.Concat(Common).Where(seen.Add);
        var suggestions = q.Length == 0
            ? all.Take(MaxWithoutQuery)
            : all.Where(t => t.Contains(q, StringComparison.OrdinalIgnoreCase)).Take(MaxWithQuery);
        return TypedResults.Ok(new SuggestionsDto([.. suggestions]));
    }
}
