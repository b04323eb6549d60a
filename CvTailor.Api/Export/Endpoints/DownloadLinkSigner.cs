using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CvTailor.Api.Auth.Tokens;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Export.Endpoints;

/// <summary>
/// Short-lived signed download links. The original React client opens <c>download_url</c> in a new window, which
/// sends no Authorization header; a link carrying <c>expires</c> (Unix seconds) and <c>signature</c>
/// (HMAC-SHA256 over the export id, its owner and the expiry) downloads without one until it expires.
/// </summary>
public sealed class DownloadLinkSigner
{
    const int MinimumKeyBytes = 32;
    static readonly byte[] DerivationInfo = "cvtailor export download link v1"u8.ToArray();

    readonly byte[] _key;
    readonly TimeSpan _lifetime;
    readonly TimeProvider _time;

    public DownloadLinkSigner(IOptions<ExportServiceOptions> options, JwtSigningKey jwt, TimeProvider time)
    {
        var configured = options.Value.DownloadSigningKey;
        if (!string.IsNullOrEmpty(configured))
        {
            _key = Encoding.UTF8.GetBytes(configured);
            if (_key.Length < MinimumKeyBytes)
            {
                throw new InvalidOperationException($"{ExportServiceOptions.Section}:DownloadSigningKey must be at least {MinimumKeyBytes} bytes.");
            }
        }
        else
        {
            // A separate key derived from the JWT key: a link signature can never be replayed as a token signature.
            _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, jwt.Key.Key, 32, info: DerivationInfo);
        }
        _lifetime = options.Value.DownloadLinkLifetime;
        _time = time;
    }

    /// <summary>The relative download URL (the contract's form, no trailing slash) with a fresh signature.</summary>
    public string CreateUrl(Guid exportId, long userId)
    {
        var expires = _time.GetUtcNow().Add(_lifetime).ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture,
            $"/api/v1/export/{exportId:D}/download?expires={expires}&signature={Sign(exportId, userId, expires)}");
    }

    public DateTimeOffset ExpiryOfNewLink() => DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().Add(_lifetime).ToUnixTimeSeconds());

    public string Sign(Guid exportId, long userId, long expires)
    {
        var message = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{exportId:D}\n{userId}\n{expires}"));
        return WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, message));
    }

    public DownloadLinkCheck Verify(Guid exportId, long userId, string? expires, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        {
            return DownloadLinkCheck.Invalid;
        }
        byte[] given;
        try
        {
            given = WebEncoders.Base64UrlDecode(signature);
        }
        catch (FormatException)
        {
            return DownloadLinkCheck.Invalid;
        }
        var expected = WebEncoders.Base64UrlDecode(Sign(exportId, userId, expiry));
        if (!CryptographicOperations.FixedTimeEquals(given, expected))
        {
            return DownloadLinkCheck.Invalid;
        }
        return _time.GetUtcNow().ToUnixTimeSeconds() >= expiry ? DownloadLinkCheck.Expired : DownloadLinkCheck.Valid;
    }
}

public enum DownloadLinkCheck
{
    Valid,
    Invalid,
    Expired,
}
