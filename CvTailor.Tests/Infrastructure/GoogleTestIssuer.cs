using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CvTailor.Tests.Infrastructure;

/// <summary>
/// Stands in for Google's token issuer in tests: a locally generated RSA key pair whose public half is served as a
/// JWKS document by a small Kestrel server on 127.0.0.1, and ID tokens signed with the private half. The Api verifies
/// them with its real verifier, pointed at <see cref="JwksUrl"/>.
/// </summary>
public sealed class GoogleTestIssuer : IAsyncDisposable
{
    public const string ClientId = "cvtailor-test.apps.googleusercontent.com";
    public const string Issuer = "https://accounts.google.com";

    readonly WebApplication _app;
    readonly RSA _rsa;
    readonly RsaSecurityKey _key;
    readonly StrongBox<int> _requests;

    GoogleTestIssuer(WebApplication app, Uri jwksUrl, RSA rsa, string keyId, StrongBox<int> requests)
    {
        _app = app;
        _rsa = rsa;
        _requests = requests;
        JwksUrl = jwksUrl;
        _key = new RsaSecurityKey(rsa) { KeyId = keyId };
    }

    public Uri JwksUrl { get; }

    /// <summary>How many times the JWKS document was fetched.</summary>
    public int JwksRequests => Volatile.Read(ref _requests.Value);

    /// <summary>Settings that point an <see cref="ApiServer"/> at this issuer.</summary>
    public Dictionary<string, string?> ApiSettings() => new()
    {
        ["Auth:Google:ClientId"] = ClientId,
        ["Auth:Google:JwksUrl"] = JwksUrl.ToString(),
    };

    public static async Task<GoogleTestIssuer> StartAsync()
    {
        var rsa = RSA.Create(2048);
        var keyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var jwks = JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new
                {
                    kty = "RSA", alg = "RS256", use = "sig", kid = keyId,
                    n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent),
                },
            },
        });

        var requests = new StrongBox<int>();
        var app = LoopbackWebApp.CreateSlim();
        app.MapGet("/oauth2/v3/certs", () =>
        {
            Interlocked.Increment(ref requests.Value);
            return Results.Text(jwks, "application/json");
        });
        await app.StartAsync();
        return new GoogleTestIssuer(app, new Uri(app.ListeningAddress(), "/oauth2/v3/certs"), rsa, keyId, requests);
    }

    /// <summary>A signed ID token; adjust any claim through <paramref name="claims"/> (null removes it).</summary>
    public string CreateIdToken(string subject, string email, Action<Dictionary<string, object?>>? claims = null,
        SecurityKey? signWith = null)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = new Dictionary<string, object?>
        {
            ["iss"] = Issuer,
            ["aud"] = ClientId,
            ["azp"] = ClientId,
            ["sub"] = subject,
            ["email"] = email,
            ["email_verified"] = true,
            ["given_name"] = "Grace",
            ["family_name"] = "Hopper",
            ["name"] = "Grace Hopper",
            ["picture"] = "https://example.com/p.png",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
        claims?.Invoke(payload);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = payload.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!),
            SigningCredentials = new SigningCredentials(signWith ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
