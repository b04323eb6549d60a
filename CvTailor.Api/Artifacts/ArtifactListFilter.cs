using System.Globalization;
using System.Text;
using CvTailor.Api.DrfContract;
using CvTailor.Data;
using CvTailor.Data.Artifacts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Npgsql;
using NpgsqlTypes;

namespace CvTailor.Api.Artifacts;

/// <summary>
/// R1's filters, which the original accepted and ignored. All are optional and combine with AND:
/// <list type="bullet">
/// <item><c>search</c>: case-insensitive substring of the title, the description or any technology.</item>
/// <item><c>technologies</c>: repeated and/or comma-separated; an artifact matches if it has any of them (ignoring case).</item>
/// <item><c>artifact_type</c>: repeated and/or comma-separated; any of them.</item>
/// <item><c>start_date</c>/<c>end_date</c> (YYYY-MM-DD): artifacts whose period overlaps the range — they end on or
/// after <c>start_date</c> (an artifact without an end date is ongoing) and begin on or before <c>end_date</c>;
/// artifacts without any date never match a date filter.</item>
/// </list>
/// The React client's <c>labels</c> and <c>status</c> have no backing data and are ignored.
/// </summary>
public sealed record ArtifactListFilter(
    string? Search,
    IReadOnlyList<string> Technologies,
    IReadOnlyList<string> Types,
    DateOnly? From,
    DateOnly? To)
{
    public static ArtifactListFilter? Parse(IQueryCollection query, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(errors);

        var search = query["search"].LastOrDefault()?.Trim();
        if (search is { Length: > ArtifactLimits.SearchMaxLength })
        {
            errors.Add("search", DrfFields.MaxLength(ArtifactLimits.SearchMaxLength));
        }

        var technologies = SplitValues(query["technologies"]);
        if (technologies.Any(t => t.Length > ArtifactLimits.TechnologyMaxLength) || technologies.Count > ArtifactLimits.ListMaxItems)
        {
            errors.Add("technologies", "Too many or too long technologies.");
        }

        var types = SplitValues(query["artifact_type"]);
        foreach (var type in types.Where(t => !ArtifactTypes.All.Contains(t, StringComparer.Ordinal)))
        {
            errors.Add("artifact_type", $"Select a valid choice. {type} is not one of the available choices.");
        }

        var from = ParseDate(query, "start_date", errors);
        var to = ParseDate(query, "end_date", errors);
        if (errors.HasErrors)
        {
            return null;
        }
        return new ArtifactListFilter(string.IsNullOrEmpty(search) ? null : search, technologies, types, from, to);
    }

    /// <summary>The caller's artifacts matching the filter, newest change first (id breaks ties, so pages are stable).</summary>
    public IQueryable<Artifact> Apply(CvTailorDbContext db, long userId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = Search is null && Technologies.Count == 0
            ? db.Artifacts.Where(a => a.UserId == userId)
            : JsonFilteredArtifacts(db, userId);

        if (Types.Count > 0)
        {
            var types = Types.ToList();
            query = query.Where(a => types.Contains(a.ArtifactType));
        }
        if (From is { } from)
        {
            query = query.Where(a => a.EndDate >= from || (a.EndDate == null && a.StartDate != null));
        }
        if (To is { } to)
        {
            query = query.Where(a => a.StartDate <= to || (a.StartDate == null && a.EndDate <= to));
        }
        return query.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id);
    }

    /// <summary>
    /// Conditions on the JSON <c>technologies</c> column need SQL (the column is mapped as text); the rest of the
    /// query composes on top. Non-array values (possible in imported rows) count as no technologies.
    /// </summary>
    IQueryable<Artifact> JsonFilteredArtifacts(CvTailorDbContext db, long userId)
    {
        const string technologyValues =
            "jsonb_array_elements_text(CASE jsonb_typeof(a.technologies) WHEN 'array' THEN a.technologies ELSE '[]'::jsonb END) AS t(value)";
        var sql = new StringBuilder("SELECT a.* FROM artifacts_artifact AS a WHERE a.user_id = @user_id");
        var parameters = new List<NpgsqlParameter> { new("user_id", NpgsqlDbType.Bigint) { Value = userId } };
        if (Search is not null)
        {
            sql.Append(" AND (a.title ILIKE @search OR a.description ILIKE @search OR EXISTS (SELECT 1 FROM ")
                .Append(technologyValues).Append(" WHERE t.value ILIKE @search))");
            parameters.Add(new NpgsqlParameter("search", NpgsqlDbType.Text) { Value = "%" + EscapeLike(Search) + "%" });
        }
        if (Technologies.Count > 0)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM ").Append(technologyValues).Append(" WHERE lower(t.value) = ANY(@technologies))");
            parameters.Add(new NpgsqlParameter("technologies", NpgsqlDbType.Array | NpgsqlDbType.Text)
            {
                Value = Technologies.Select(t => t.ToLowerInvariant()).Distinct().ToArray(),
            });
        }
        return db.Artifacts.FromSqlRaw(sql.ToString(), [.. parameters]);
    }

    static List<string> SplitValues(StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    static DateOnly? ParseDate(IQueryCollection query, string name, FieldErrors errors)
    {
        var raw = query[name].LastOrDefault()?.Trim();
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }
        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors.Add(name, "Enter a valid date.");
        return null;
    }

    static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
