using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace CvTailor.Api.DrfContract;

/// <summary>
/// Page-number pagination exactly as the original's list views did it: query parameter <c>page</c> (a number or
/// <c>last</c>), 20 per page, absolute <c>next</c>/<c>previous</c> links that keep the other query parameters,
/// and <c>404 {"detail": "Invalid page."}</c> for a page that does not exist (page 1 of an empty list exists).
/// </summary>
public static class Pagination
{
    public const int DefaultPageSize = 20;
    public const string PageParameter = "page";

    /// <summary>Pages an ordered query; the caller orders it (a stable order makes pages stable).</summary>
    public static Task<Results<Ok<PagedResult<T>>, NotFound<ApiDetail>>> ToPageAsync<T>(
        this IQueryable<T> query, HttpRequest request, CancellationToken ct, int pageSize = DefaultPageSize) =>
        query.ToPageAsync(request, static x => x, ct, pageSize);

    /// <summary>Pages an ordered query and maps each row in memory (for shapes a database projection cannot build).</summary>
    public static async Task<Results<Ok<PagedResult<TOut>>, NotFound<ApiDetail>>> ToPageAsync<TIn, TOut>(
        this IQueryable<TIn> query, HttpRequest request, Func<TIn, TOut> map, CancellationToken ct, int pageSize = DefaultPageSize)
    {
        var count = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (count + pageSize - 1) / pageSize);
        if (ParsePage(request.Query[PageParameter], pageCount) is not { } page)
        {
            return TypedResults.NotFound(new ApiDetail(ApiMessages.InvalidPage));
        }
        var rows = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var next = page < pageCount ? PageUrl(request, page + 1) : null;
        var previous = page > 1 ? PageUrl(request, page - 1) : null;
        return TypedResults.Ok(new PagedResult<TOut>(count, next, previous, rows.Select(map).ToList()));
    }

    /// <summary>The 1-based page asked for, or null when it is not a valid page of <paramref name="pageCount"/>.</summary>
    public static int? ParsePage(StringValues raw, int pageCount)
    {
        if (StringValues.IsNullOrEmpty(raw))
        {
            return 1;
        }
        var text = raw[^1]!;
        if (text == "last")
        {
            return pageCount;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                CultureInfo.InvariantCulture, out var page) || page < 1 || page > pageCount)
        {
            return null;
        }
        return page;
    }

    /// <summary>
    /// The request's absolute URL with <c>page</c> set (or removed for page 1), other parameters kept and sorted by
    /// name as DRF's <c>replace_query_param</c> does.
    /// </summary>
    public static string PageUrl(HttpRequest request, int page)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        var pairs = new SortedDictionary<string, StringValues>(query, StringComparer.Ordinal);
        if (page == 1)
        {
            pairs.Remove(PageParameter);
        }
        else
        {
            pairs[PageParameter] = page.ToString(CultureInfo.InvariantCulture);
        }

        var url = new StringBuilder()
            .Append(request.Scheme).Append("://").Append(request.Host.ToUriComponent())
            .Append(request.PathBase.ToUriComponent()).Append(request.Path.ToUriComponent());
        var separator = '?';
        foreach (var (key, values) in pairs)
        {
            foreach (var value in values)
            {
                url.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value ?? ""));
                separator = '&';
            }
        }
        return url.ToString();
    }
}
