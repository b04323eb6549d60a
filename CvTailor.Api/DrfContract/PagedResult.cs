namespace CvTailor.Api.DrfContract;

/// <summary>DRF's PageNumberPagination body: <c>{"count", "next", "previous", "results"}</c> (absolute URLs or null).</summary>
public sealed record PagedResult<T>(int Count, string? Next, string? Previous, IReadOnlyList<T> Results);
