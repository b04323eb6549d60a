using System.Diagnostics;
using CvTailor.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Auth.Passwords;

/// <summary>Configuration section <c>Auth:Passwords</c>.</summary>
public sealed class PasswordOptions
{
    public const string Section = "Auth:Passwords";

    /// <summary>
    /// PBKDF2-HMAC-SHA512 iterations for new hashes (Identity's V3 format). OWASP's 2023 guidance for this PRF is
    /// 210,000; tests may lower it to run faster.
    /// </summary>
    public int Iterations { get; set; } = 210_000;
}

public enum PasswordCheck
{
    Failed,
    Success,

    /// <summary>Correct, but stored in an older format or with fewer iterations: store a fresh hash.</summary>
    SuccessRehashNeeded,
}

/// <summary>
/// Hashes with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>, and also accepts Django
/// <c>pbkdf2_sha256$…</c> strings of imported users (upgraded on their next login). A hash starting with
/// <c>!</c> is Django's unusable password (Google-only users): nothing matches it. Other Django algorithms are not
/// supported (the original never configured them).
/// </summary>
public sealed class PasswordService
{
    const char UnusablePrefix = '!';
    readonly PasswordHasher<User> _hasher;
    readonly string _decoy;

    public PasswordService(IOptions<PasswordOptions> options)
    {
        _hasher = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = options.Value.Iterations,
        }));
        _decoy = _hasher.HashPassword(null!, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
    }

    /// <summary>One span per PBKDF2 computation, so a trace shows how many a request spent (login: one).</summary>
    static readonly ActivitySource Telemetry = new(CvTailorTelemetry.Api);

    public string Hash(string password)
    {
        using var span = Telemetry.StartActivity(TelemetryNames.Spans.PasswordHash);
        return _hasher.HashPassword(null!, password);
    }

    /// <summary>Django's <c>set_unusable_password</c>: <c>!</c> and 40 random characters.</summary>
    public static string Unusable() =>
        UnusablePrefix + System.Security.Cryptography.RandomNumberGenerator.GetString(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 40);

    public static bool IsUsable(string? stored) => !string.IsNullOrEmpty(stored) && stored[0] != UnusablePrefix;

    public PasswordCheck Verify(string? stored, string password)
    {
        if (!IsUsable(stored))
        {
            return PasswordCheck.Failed;
        }
        if (DjangoPbkdf2Sha256.IsDjangoHash(stored!))
        {
            using var django = Telemetry.StartActivity(TelemetryNames.Spans.PasswordHash);
            return DjangoPbkdf2Sha256.Verify(stored!, password) ? PasswordCheck.SuccessRehashNeeded : PasswordCheck.Failed;
        }
        if (stored!.Contains('$', StringComparison.Ordinal))
        {
            return PasswordCheck.Failed;
        }
        using var span = Telemetry.StartActivity(TelemetryNames.Spans.PasswordHash);
        try
        {
            return _hasher.VerifyHashedPassword(null!, stored, password) switch
            {
                PasswordVerificationResult.Success => PasswordCheck.Success,
                PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
                _ => PasswordCheck.Failed,
            };
        }
        catch (FormatException)
        {
            return PasswordCheck.Failed;
        }
    }

    /// <summary>Spends the same time as a real check when there is no user, so timing does not reveal which emails exist.</summary>
    public void VerifyDecoy(string password)
    {
        using var span = Telemetry.StartActivity(TelemetryNames.Spans.PasswordHash);
        _hasher.VerifyHashedPassword(null!, _decoy, password);
    }
}
