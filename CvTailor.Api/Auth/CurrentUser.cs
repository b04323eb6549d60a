using System.Globalization;
using System.Security.Claims;

namespace CvTailor.Api.Auth;

/// <summary>
/// The authenticated caller, bound as an endpoint parameter (<c>CurrentUser user</c>). Every query on user data
/// filters by <see cref="Id"/>. Only valid on endpoints that require authorization.
/// </summary>
public sealed record CurrentUser(long Id)
{
    /// <summary>The JWT claim holding the user id (as a string, as the original's tokens carry it).</summary>
    public const string UserIdClaim = "user_id";

    public static CurrentUser? FromPrincipal(ClaimsPrincipal principal) =>
        principal.FindFirst(UserIdClaim)?.Value is { } raw
        && long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new CurrentUser(id)
            : null;

    public static ValueTask<CurrentUser?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<CurrentUser?>(FromPrincipal(context.User)
            ?? throw new InvalidOperationException(
                $"{context.GetEndpoint()?.DisplayName} takes a CurrentUser but does not require authorization."));
}
