namespace CvTailor.Api.Auth.Google;

/// <summary>Configuration section <c>Auth:Google</c>.</summary>
public sealed class GoogleOptions
{
    public const string Section = "Auth:Google";

    /// <summary>The OAuth client id the ID tokens are issued for (their <c>aud</c>). Empty: Google sign-in is off.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Where Google publishes its signing keys (JWKS). Set in configuration; tests point it at a loopback server.</summary>
    public Uri? JwksUrl { get; set; }

    /// <summary>How long fetched keys are used before fetching again (an unknown key id refetches sooner).</summary>
    public TimeSpan JwksCacheDuration { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan JwksFetchTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Tolerance for clock differences on <c>exp</c>/<c>iat</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
