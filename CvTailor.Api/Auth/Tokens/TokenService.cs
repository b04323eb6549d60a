using System.Globalization;
using CvTailor.Data;
using CvTailor.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CvTailor.Api.Auth.Tokens;

/// <summary>
/// Issues, rotates and revokes JWTs the way simplejwt did (same claims, refresh tokens recorded in
/// <c>token_blacklist_outstandingtoken</c>, rotation blacklists the old one), with three additions: a replayed
/// rotated refresh token revokes its whole family (unless presented again within the reuse grace window, see
/// <see cref="RefreshReuseOptions"/>), logout revokes the family, and a password change revokes every refresh token
/// of the user. Refreshes are throttled per family (<see cref="RefreshFamilyLimiter"/>).
/// </summary>
public sealed class TokenService(
    CvTailorDbContext db, JwtSigningKey key, IOptions<JwtOptions> options, IOptions<RefreshReuseOptions> reuse,
    RefreshFamilyLimiter familyLimiter, TimeProvider time)
{
    static readonly JsonWebTokenHandler s_handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>A new login: a new refresh-token family. Saves the outstanding-token row.</summary>
    public Task<TokenPair> IssueAsync(long userId, CancellationToken ct)
    {
        var jti = NewJti();
        return IssuePairAsync(userId, family: jti, jti, ct);
    }

    /// <summary>Validates a token's signature, expiry and type (no database look-up).</summary>
    public async Task<(JsonWebToken? Token, TokenRejection? Rejection)> ValidateAsync(string raw, string expectedType)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return (null, TokenRejection.Invalid);
        }
        var result = await s_handler.ValidateTokenAsync(raw, key.ValidationParameters());
        if (!result.IsValid)
        {
            return (null, result.Exception is SecurityTokenExpiredException ? TokenRejection.Expired : TokenRejection.Invalid);
        }
        var token = (JsonWebToken)result.SecurityToken;
        if (!token.TryGetPayloadValue<string>(TokenClaims.TokenType, out var type) || type != expectedType)
        {
            return (null, TokenRejection.WrongType);
        }
        if (string.IsNullOrEmpty(token.Id) || UserIdOf(token) is null)
        {
            return (null, TokenRejection.Invalid);
        }
        return (token, null);
    }

    /// <summary>Rotation: blacklists the presented refresh token and issues a new pair in the same family.</summary>
    public async Task<(TokenPair? Pair, TokenRejection? Rejection)> RefreshAsync(string raw, CancellationToken ct)
    {
        var (token, rejection) = await ValidateAsync(raw, TokenClaims.Refresh);
        if (token is null)
        {
            return (null, rejection);
        }
        var userId = UserIdOf(token)!.Value;
        var family = FamilyOf(token);
        if (familyLimiter.TryAcquire(family) is { } retryAfter)
        {
            return (null, TokenRejection.Throttled(retryAfter));
        }
        var outstanding = await db.OutstandingTokens.AsNoTracking()
            .Where(t => t.Jti == token.Id)
            .Select(t => new { t.Id, Blacklisted = t.Blacklisted != null })
            .SingleOrDefaultAsync(ct);
        if (outstanding is null)
        {
            return (null, TokenRejection.Invalid);
        }
        if (outstanding.Blacklisted)
        {
            return await ReusedAsync(outstanding.Id, userId, family, ct);
        }
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.IsActive, ct))
        {
            return (null, TokenRejection.NoActiveAccount);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        var pair = await strategy.ExecuteAsync(async c =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(c);
            // The insert is the claim: of two concurrent rotations of one token, exactly one inserts.
            if (await BlacklistAsync([outstanding.Id], c) == 0)
            {
                return null;
            }
            var issued = await IssuePairAsync(userId, family, NewJti(), c);
            await tx.CommitAsync(c);
            return issued;
        }, ct);
        // A concurrent rotation of the same token won (its commit released our insert): the same grace applies.
        return pair is null ? await ReusedAsync(outstanding.Id, userId, family, ct) : (pair, null);
    }

    /// <summary>
    /// A rotated (blacklisted) refresh token presented again. Within the grace window after its rotation, while the
    /// refresh token that rotation issued is still live, the answer is that same refresh token with a fresh access
    /// token: every parallel caller ends up holding the one live refresh token of the family. Otherwise it is a
    /// replay: the whole family is revoked. A token blacklisted by logout, password change or family revocation, or
    /// whose successor was rotated on already, gets no grace.
    /// </summary>
    async Task<(TokenPair? Pair, TokenRejection? Rejection)> ReusedAsync(long outstandingId, long userId, string family, CancellationToken ct)
    {
        var grace = TimeSpan.FromSeconds(Math.Max(0, reuse.Value.RefreshReuseGraceSeconds));
        var now = time.UtcNow();
        var rotatedAt = grace > TimeSpan.Zero
            ? await db.BlacklistedTokens.AsNoTracking().Where(b => b.TokenId == outstandingId)
                .Select(b => (DateTime?)b.BlacklistedAt).SingleOrDefaultAsync(ct)
            : null;
        if (rotatedAt is { } at && now - at <= grace && await db.Users.AnyAsync(u => u.Id == userId && u.IsActive, ct))
        {
            // The rotation's successor is the family's first token issued since; it must still be live (not rotated
            // on in turn, not revoked, not expired).
            var candidates = await db.OutstandingTokens.AsNoTracking()
                .Where(t => t.UserId == userId && t.CreatedAt >= at)
                .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
                .Select(t => new { t.Jti, t.Token, t.ExpiresAt, Blacklisted = t.Blacklisted != null })
                .ToListAsync(ct);
            if (candidates.FirstOrDefault(t => FamilyOf(t.Token, t.Jti) == family) is { Blacklisted: false } successor && successor.ExpiresAt > now)
            {
                return (new TokenPair(CreateAccess(userId), successor.Token), null);
            }
        }
        await RevokeFamilyAsync(userId, family, ct);
        return (null, TokenRejection.Blacklisted);
    }

    /// <summary>Logout: revokes the presented refresh token's family. False when the token is not a live refresh token of this user.</summary>
    public async Task<bool> RevokeAsync(string raw, long userId, CancellationToken ct)
    {
        var (token, _) = await ValidateAsync(raw, TokenClaims.Refresh);
        if (token is null || UserIdOf(token) != userId)
        {
            return false;
        }
        var outstandingId = await db.OutstandingTokens.AsNoTracking()
            .Where(t => t.Jti == token.Id && t.UserId == userId)
            .Select(t => (long?)t.Id)
            .SingleOrDefaultAsync(ct);
        if (outstandingId is null || await BlacklistAsync([outstandingId.Value], ct) == 0)
        {
            return false;
        }
        await RevokeFamilyAsync(userId, FamilyOf(token), ct);
        return true;
    }

    /// <summary>Blacklists every unexpired refresh token of the user (password change).</summary>
    public Task<int> RevokeAllAsync(long userId, CancellationToken ct)
    {
        var now = time.UtcNow();
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO token_blacklist_blacklistedtoken (blacklisted_at, token_id)
            SELECT {now}, o.id FROM token_blacklist_outstandingtoken o
            WHERE o.user_id = {userId} AND o.expires_at > {now}
            ON CONFLICT (token_id) DO NOTHING
            """, ct);
    }

    async Task RevokeFamilyAsync(long userId, string family, CancellationToken ct)
    {
        var now = time.UtcNow();
        // The family is a claim inside each stored token; a user has few live refresh tokens, so read and filter them.
        var live = await db.OutstandingTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.Blacklisted == null && t.ExpiresAt > now)
            .Select(t => new { t.Id, t.Jti, t.Token })
            .ToListAsync(ct);
        var members = live.Where(t => FamilyOf(t.Token, t.Jti) == family).Select(t => t.Id).ToArray();
        if (members.Length > 0)
        {
            await BlacklistAsync(members, ct);
        }
    }

    Task<int> BlacklistAsync(long[] outstandingIds, CancellationToken ct)
    {
        var now = time.UtcNow();
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO token_blacklist_blacklistedtoken (blacklisted_at, token_id)
            SELECT {now}, id FROM unnest({outstandingIds}) AS id
            ON CONFLICT (token_id) DO NOTHING
            """, ct);
    }

    async Task<TokenPair> IssuePairAsync(long userId, string family, string jti, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var o = options.Value;
        var refreshExpires = now + o.RefreshTokenLifetime;
        var refresh = Create(TokenClaims.Refresh, userId, jti, now, refreshExpires, family);
        db.OutstandingTokens.Add(new OutstandingToken
        {
            Jti = jti,
            Token = refresh,
            CreatedAt = time.UtcNow(),
            ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(refreshExpires.ToUnixTimeSeconds()).UtcDateTime,
            UserId = userId,
        });
        await db.SaveChangesAsync(ct);
        return new TokenPair(CreateAccess(userId), refresh);
    }

    string CreateAccess(long userId)
    {
        var now = time.GetUtcNow();
        return Create(TokenClaims.Access, userId, NewJti(), now, now + options.Value.AccessTokenLifetime, family: null);
    }

    string Create(string type, long userId, string jti, DateTimeOffset issuedAt, DateTimeOffset expires, string? family)
    {
        // simplejwt's claim order and types: exp/iat as integer seconds, user_id as a string.
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [TokenClaims.TokenType] = type,
            [TokenClaims.Expires] = expires.ToUnixTimeSeconds(),
            [TokenClaims.IssuedAt] = issuedAt.ToUnixTimeSeconds(),
            [TokenClaims.Id] = jti,
            [TokenClaims.UserId] = userId.ToString(CultureInfo.InvariantCulture),
        };
        if (family is not null)
        {
            claims[TokenClaims.Family] = family;
        }
        return s_handler.CreateToken(new SecurityTokenDescriptor { Claims = claims, SigningCredentials = key.Credentials });
    }

    public static long? UserIdOf(JsonWebToken token)
    {
        // simplejwt writes the id as a string; accept a number too.
        if (token.TryGetPayloadValue<string>(TokenClaims.UserId, out var text)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }
        return token.TryGetPayloadValue<long>(TokenClaims.UserId, out var number) ? number : null;
    }

    static string FamilyOf(JsonWebToken token) =>
        token.TryGetPayloadValue<string>(TokenClaims.Family, out var family) && !string.IsNullOrEmpty(family) ? family : token.Id;

    static string FamilyOf(string storedToken, string jti)
    {
        try
        {
            return FamilyOf(new JsonWebToken(storedToken));
        }
        catch (ArgumentException)
        {
            // An unreadable stored token (imported data) is its own family.
            return jti;
        }
    }

    static string NewJti() => Guid.NewGuid().ToString("N");
}
