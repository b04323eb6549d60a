namespace CvTailor.Api.Auth.Tokens;

/// <summary>The claims simplejwt put into its tokens (kept, so both systems' tokens look alike), plus <see cref="Family"/>.</summary>
public static class TokenClaims
{
    public const string TokenType = "token_type";
    public const string Expires = "exp";
    public const string IssuedAt = "iat";
    public const string Id = "jti";
    public const string UserId = CurrentUser.UserIdClaim;

    /// <summary>
    /// Refresh tokens only: the jti of the first refresh token of a login. Rotation carries it over, so a replayed
    /// (already rotated) token identifies every descendant to revoke. Tokens without it form a family of one.
    /// </summary>
    public const string Family = "family";

    public const string Access = "access";
    public const string Refresh = "refresh";
}
