using System.Text.Json.Nodes;
using CvTailor.Api.Auth.Passwords;
using CvTailor.Api.Auth.Profile;
using CvTailor.Api.Auth.Tokens;
using CvTailor.Api.DrfContract;
using CvTailor.Api.HttpPipeline;
using CvTailor.Data;
using CvTailor.Data.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CvTailor.Api.Auth.Google;

/// <summary>A9–A11: sign in with a Google ID token, link it to the caller, unlink it.</summary>
public static partial class GoogleEndpoints
{
    public const string Provider = "google";
    const string InvalidCredential = "Invalid Google credential";
    const string CredentialRequired = "Google credential is required";

    public static void MapGoogle(this RouteGroupBuilder auth)
    {
        auth.MapPost("/google/", SignInAsync).AllowAnonymous().RequireRateLimiting(RateLimits.AuthPolicy);
        auth.MapPost("/google/link/", LinkAsync).RequireAuthorization().RequireRateLimiting(RateLimits.AuthPolicy);
        auth.MapPost("/google/unlink/", UnlinkAsync).RequireAuthorization();
    }

    static async Task<Results<Ok<GoogleSignInResponse>, BadRequest<GoogleError>, InternalServerError<GoogleError>, BodyError>> SignInAsync(
        RequestFields fields, HttpRequest request, GoogleIdTokenVerifier verifier, CvTailorDbContext db, TokenService tokens,
        IOptions<GoogleOptions> options, TimeProvider time, ILogger<AuthLog> logger, CancellationToken ct)
    {
        if (fields.Error is { } bodyError)
        {
            return bodyError;
        }
        var credential = Credential(fields);
        if (string.IsNullOrWhiteSpace(credential))
        {
            return TypedResults.BadRequest(new GoogleError("google_auth_failed", CredentialRequired, true));
        }
        GoogleIdentity? identity;
        try
        {
            identity = await verifier.VerifyAsync(credential, ct);
        }
        catch (GoogleUnavailableException ex)
        {
            LogUnavailable(logger, ex.Message);
            return TypedResults.InternalServerError(new GoogleError("internal_error", "Authentication service temporarily unavailable", false));
        }
        if (identity is null)
        {
            LogRejected(logger);
            return TypedResults.BadRequest(new GoogleError("google_auth_failed", InvalidCredential, true));
        }

        // A concurrent first sign-in of the same Google account may win the insert; the second attempt then finds it.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var (user, created) = await ResolveUserAsync(db, identity, options.Value, time, ct);
                if (user is null || !user.IsActive)
                {
                    return TypedResults.BadRequest(new GoogleError("google_auth_failed", InvalidCredential, true));
                }
                var pair = await tokens.IssueAsync(user.Id, ct);
                LogSignedIn(logger, user.Id, created);
                return TypedResults.Ok(new GoogleSignInResponse(pair.Access, pair.Refresh, UserProfileResponse.From(user, request), created));
            }
            catch (DbUpdateException ex) when (attempt == 0 && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The contract's order: the linked account's user; else the user with that email (linked now); else a new user.</summary>
    static async Task<(User? User, bool Created)> ResolveUserAsync(
        CvTailorDbContext db, GoogleIdentity identity, GoogleOptions options, TimeProvider time, CancellationToken ct)
    {
        var now = time.UtcNow();
        var account = await db.SocialAccounts.SingleOrDefaultAsync(a => a.Provider == Provider && a.Uid == identity.Subject, ct);
        if (account is not null)
        {
            account.LastLogin = now;
            account.ExtraData = identity.PayloadJson;
            await db.SaveChangesAsync(ct);
            return (await db.Users.SingleOrDefaultAsync(u => u.Id == account.UserId, ct), false);
        }

        var existing = await db.Users.WhereEmailIgnoringCase(identity.Email).OrderBy(u => u.Id).FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            // Linking by email hands the account to whoever controls that Google identity: only if Google vouches for the address.
            if (!identity.EmailVerified)
            {
                return (null, false);
            }
            await EnsureSocialAppAsync(db, options, ct);
            db.SocialAccounts.Add(NewAccount(existing.Id, identity, now));
            await db.SaveChangesAsync(ct);
            return (existing, false);
        }

        var user = new User
        {
            Username = identity.Email,
            Email = AccountEndpoints.NormalizeEmail(identity.Email),
            FirstName = Truncate(identity.GivenName, 150),
            LastName = Truncate(identity.FamilyName, 150),
            Password = PasswordService.Unusable(),
            DateJoined = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async c =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(c);
            await EnsureSocialAppAsync(db, options, c);
            db.Users.Add(user);
            await db.SaveChangesAsync(c);
            db.SocialAccounts.Add(NewAccount(user.Id, identity, now));
            await db.SaveChangesAsync(c);
            await tx.CommitAsync(c);
        }, ct);
        return (user, true);
    }

    static async Task<Results<Ok<GoogleLinkResponse>, BadRequest<GoogleError>, InternalServerError<GoogleError>, BodyError>> LinkAsync(
        RequestFields fields, CurrentUser current, GoogleIdTokenVerifier verifier, CvTailorDbContext db,
        IOptions<GoogleOptions> options, TimeProvider time, ILogger<AuthLog> logger, CancellationToken ct)
    {
        if (fields.Error is { } bodyError)
        {
            return bodyError;
        }
        var credential = Credential(fields);
        if (string.IsNullOrWhiteSpace(credential))
        {
            return TypedResults.BadRequest(new GoogleError("google_link_failed", CredentialRequired));
        }
        GoogleIdentity? identity;
        try
        {
            identity = await verifier.VerifyAsync(credential, ct);
        }
        catch (GoogleUnavailableException ex)
        {
            LogUnavailable(logger, ex.Message);
            return TypedResults.InternalServerError(new GoogleError("internal_error", "Link service temporarily unavailable"));
        }
        if (identity is null)
        {
            return TypedResults.BadRequest(new GoogleError("google_link_failed", InvalidCredential));
        }

        var owner = await db.SocialAccounts.AsNoTracking()
            .Where(a => a.Provider == Provider && a.Uid == identity.Subject)
            .Select(a => (long?)a.UserId)
            .SingleOrDefaultAsync(ct);
        if (owner == current.Id)
        {
            return TypedResults.Ok(new GoogleLinkResponse("Google account is already linked to your account", identity.Email));
        }
        if (owner is not null)
        {
            return TypedResults.BadRequest(new GoogleError("account_already_linked", "This Google account is already linked to another user"));
        }
        try
        {
            await EnsureSocialAppAsync(db, options.Value, ct);
            db.SocialAccounts.Add(NewAccount(current.Id, identity, time.UtcNow()));
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.BadRequest(new GoogleError("account_already_linked", "This Google account is already linked to another user"));
        }
        LogLinked(logger, current.Id);
        return TypedResults.Ok(new GoogleLinkResponse("Google account linked successfully", identity.Email));
    }

    static async Task<Results<Ok<MessageResponse>, BadRequest<GoogleError>>> UnlinkAsync(CurrentUser current, CvTailorDbContext db, ILogger<AuthLog> logger, CancellationToken ct)
    {
        var removed = await db.SocialAccounts.Where(a => a.UserId == current.Id && a.Provider == Provider).ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            return TypedResults.BadRequest(new GoogleError("no_google_account", "No Google account linked to this user"));
        }
        LogUnlinked(logger, current.Id);
        return TypedResults.Ok(new MessageResponse("Google account unlinked successfully"));
    }

    static string? Credential(RequestFields fields) =>
        fields.Values.TryGetPropertyValue("credential", out var node) && node is JsonValue v && v.TryGetValue<string>(out var text)
            ? text
            : null;

    /// <summary>allauth's lazily created <c>socialaccount_socialapp</c> row for Google (no secret stored: ID tokens need none).</summary>
    static async Task EnsureSocialAppAsync(CvTailorDbContext db, GoogleOptions options, CancellationToken ct)
    {
        if (!await db.SocialApps.AnyAsync(a => a.Provider == Provider, ct))
        {
            db.SocialApps.Add(new SocialApp { Provider = Provider, Name = "Google", ClientId = options.ClientId });
        }
    }

    static SocialAccount NewAccount(long userId, GoogleIdentity identity, DateTime now) => new()
    {
        Provider = Provider,
        Uid = identity.Subject,
        UserId = userId,
        ExtraData = identity.PayloadJson,
        DateJoined = now,
        LastLogin = now,
    };

    static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Information, Message = "Google sign-in of user {UserId} (created: {Created})")]
    static partial void LogSignedIn(ILogger logger, long userId, bool created);

    [LoggerMessage(Level = LogLevel.Information, Message = "Google credential rejected")]
    static partial void LogRejected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Google sign-in unavailable: {Reason}")]
    static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} linked a Google account")]
    static partial void LogLinked(ILogger logger, long userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} unlinked Google")]
    static partial void LogUnlinked(ILogger logger, long userId);
}

public sealed record GoogleError(
    string Error,
    string Message,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    bool? Recoverable = null);

public sealed record GoogleSignInResponse(string Access, string Refresh, UserProfileResponse User, bool Created);

public sealed record GoogleLinkResponse(string Message, string LinkedEmail);
