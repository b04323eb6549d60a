using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CvTailor.Api.Auth.Google;

/// <summary>The verified facts of a Google ID token.</summary>
public sealed record GoogleIdentity(string Subject, string Email, bool EmailVerified, string GivenName, string FamilyName, string PayloadJson);

/// <summary>
/// Verifies a Google ID token as google-auth's <c>verify_oauth2_token</c> did: RS256 signature by one of Google's
/// published keys, audience = our client id, issuer <c>accounts.google.com</c> or <c>https://accounts.google.com</c>,
/// not expired. Returns null for a token that fails; throws <see cref="GoogleUnavailableException"/> when
/// verification itself is impossible.
/// </summary>
public sealed class GoogleIdTokenVerifier(GoogleKeySet keys, IOptions<GoogleOptions> options)
{
    static readonly JsonWebTokenHandler s_handler = new();
    static readonly string[] s_issuers = ["accounts.google.com", "https://accounts.google.com"];

    public async Task<GoogleIdentity?> VerifyAsync(string credential, CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.ClientId))
        {
            throw new GoogleUnavailableException($"{GoogleOptions.Section}:ClientId is not set.");
        }
        if (!s_handler.CanReadToken(credential))
        {
            return null;
        }
        var result = await ValidateAsync(credential, await keys.GetKeysAsync(forceRefresh: false, ct), o);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            result = await ValidateAsync(credential, await keys.GetKeysAsync(forceRefresh: true, ct), o);
        }
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            return null;
        }
        if (!token.TryGetPayloadValue<string>("email", out var email) || string.IsNullOrWhiteSpace(email)
            || string.IsNullOrEmpty(token.Subject))
        {
            return null;
        }
        return new GoogleIdentity(
            token.Subject,
            email,
            EmailVerified(token),
            token.TryGetPayloadValue<string>("given_name", out var given) ? given ?? "" : "",
            token.TryGetPayloadValue<string>("family_name", out var family) ? family ?? "" : "",
            Base64UrlEncoder.Decode(token.EncodedPayload));
    }

    static Task<TokenValidationResult> ValidateAsync(string credential, IReadOnlyList<SecurityKey> signingKeys, GoogleOptions o) =>
        s_handler.ValidateTokenAsync(credential, new TokenValidationParameters
        {
            IssuerSigningKeys = signingKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateIssuerSigningKey = true,
            ValidIssuers = s_issuers,
            ValidAudience = o.ClientId,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = o.ClockSkew,
        });

    static bool EmailVerified(JsonWebToken token)
    {
        // Google sends a JSON boolean; some older tokens carried the string "true".
        if (token.TryGetPayloadValue<bool>("email_verified", out var flag))
        {
            return flag;
        }
        return token.TryGetPayloadValue<string>("email_verified", out var text) && text == "true";
    }
}
