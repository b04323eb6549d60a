using System.Globalization;
using CvTailor.Api.Auth;
using CvTailor.Api.DrfContract;
using CvTailor.Data;

namespace CvTailor.Api.Llm.Endpoints;

/// <summary>
/// The LLM viewsets' ownership rule (contract §2.2): a user sees only their own rows, staff see everyone's. Also the
/// viewsets' pagination variant (<c>page_size</c>, at most 100) and DRF's fixed-scale decimal strings.
/// </summary>
public static class LlmAccess
{
    public const int MaxPageSize = 100;

    public static Task<bool> IsStaffAsync(CvTailorDbContext db, CurrentUser user, CancellationToken ct) =>
        StaffPolicy.IsStaffAsync(db, user.Id, ct);

    /// <summary>DRF's <c>get_page_size</c>: a positive <c>page_size</c> capped at 100; anything else means the default.</summary>
    public static int PageSize(HttpRequest request) =>
        int.TryParse(request.Query["page_size"].LastOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
            ? Math.Min(size, MaxPageSize)
            : Pagination.DefaultPageSize;

    /// <summary>A DecimalField value: fixed scale, as a string (<c>"0.008000"</c>).</summary>
    public static string Fixed(decimal value, int scale) => value.ToString("F" + scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string? Fixed(decimal? value, int scale) => value is { } v ? Fixed(v, scale) : null;
}
