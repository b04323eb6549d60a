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

    /// <summary>
    /// Hashes computed at once in this process (0 = the processor count); more logins wait their turn. A hash is
    /// ~100 ms of one core; with one per request, 32 logins at once on 2 cores held 32 threads in PBKDF2 and starved
    /// everything else, down to the database connections the logins then needed (2 s connect timeouts).
    /// </summary>
    public int MaxConcurrentHashes { get; set; }
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
/// supported (the original never configured them). Every hash waits for one of
/// <see cref="PasswordOptions.MaxConcurrentHashes"/> slots, asynchronously: extra logins queue instead of thrashing.
/// </summary>
public sealed class PasswordService : IDisposable
{
    const char UnusablePrefix = '!';
    readonly PasswordHasher<User> _hasher;
    readonly string _decoy;
    readonly SemaphoreSlim _slots;

    public PasswordService(IOptions<PasswordOptions> options)
    {
        var slots = options.Value.MaxConcurrentHashes > 0 ? options.Value.MaxConcurrentHashes : Environment.ProcessorCount;
        _slots = new SemaphoreSlim(slots, slots);
        _hasher = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = options.Value.Iterations,
        }));
        _decoy = _hasher.HashPassword(null!, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
    }

    /// <summary>One span per PBKDF2 computation, so a trace shows how many a request spent (login: one).</summary>
    static readonly ActivitySource Telemetry = new(CvTailorTelemetry.Api);

    public void Dispose() => _slots.Dispose();

    public Task<string> HashAsync(string password, CancellationToken ct) =>
        InSlotAsync(() =>
        {
            using var span = Telemetry.StartActivity(TelemetryNames.Spans.PasswordHash);
            return _hasher.HashPassword(null!, password);
        }, ct);

    /// <summary>Django's <c>set_unusable_password</c>: <c>!</c> and 40 random characters.</summary>
    public static string Unusable() =>
        UnusablePrefix + System.Security.Cryptography.RandomNumberGenerator.GetString(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 40);

    public static bool IsUsable(string? stored) => !string.IsNullOrEmpty(stored) && stored[0] != UnusablePrefix;

    public Task<PasswordCheck> VerifyAsync(string? stored, string password, CancellationToken ct) =>
        IsUsable(stored) ? InSlotAsync(() => Verify(stored!, password), ct) : Task.FromResult(PasswordCheck.Failed);

    PasswordCheck Verify(string stored, string password)
    {
        if (DjangoPbkdf2Sha256.IsDjangoHash(stored))
        {
            using var django = Telemetry.StartActivity(TelemetryNames.Spans.PasswordHash);
            return DjangoPbkdf2Sha256.Verify(stored, password) ? PasswordCheck.SuccessRehashNeeded : PasswordCheck.Failed;
        }
        if (stored.Contains('$', StringComparison.Ordinal))
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
    public Task VerifyDecoyAsync(string password, CancellationToken ct) =>
        InSlotAsync(() =>
        {
            using var span = Telemetry.StartActivity(TelemetryNames.Spans.PasswordHash);
            return _hasher.VerifyHashedPassword(null!, _decoy, password);
        }, ct);

    /// <summary>Runs a hash on the caller's thread once a slot is free (the wait holds no thread).</summary>
    async Task<T> InSlotAsync<T>(Func<T> hash, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            return hash();
        }
        finally
        {
            _slots.Release();
        }
    }
}
