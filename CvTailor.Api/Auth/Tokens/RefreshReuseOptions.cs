namespace CvTailor.Api.Auth.Tokens;

/// <summary>Configuration key <c>Auth:RefreshReuseGraceSeconds</c>.</summary>
public sealed class RefreshReuseOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// How long a just-rotated refresh token may be presented again (a browser client refreshing from several tabs or
    /// requests at once) and be answered with its family's current refresh token instead of revoking the family.
    /// 0 turns the grace off. Keep it to seconds: within it, a replayed stolen token is as good as the live one.
    /// </summary>
    public double RefreshReuseGraceSeconds { get; set; } = 5;
}
