namespace CvTailor.Api.Auth.Tokens;

/// <summary>Configuration section <c>Auth:Jwt</c>.</summary>
public sealed class JwtOptions
{
    public const string Section = "Auth:Jwt";

    /// <summary>
    /// HS256 key (its UTF-8 bytes, at least 32). Setting it to the original deployment's Django <c>SECRET_KEY</c>
    /// keeps that deployment's outstanding tokens valid. Required outside Development.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Access-token lifetime; 15 minutes unless configured (the original used 60).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(7);
}
