using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.Auth.Passwords;
using CvTailor.Api.Auth.Profile;
using CvTailor.Api.Auth.Tokens;
using CvTailor.Api.DrfContract;
using CvTailor.Api.Endpoints;
using CvTailor.Api.HttpPipeline;
using CvTailor.Data;
using CvTailor.Data.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CvTailor.Api.Auth;

/// <summary>A1–A4 and A7–A8: register, login, logout, refresh, change password, password reset.</summary>
public static partial class AccountEndpoints
{
    public const string EmailTaken = "user with this email already exists.";
    const int MaxPasswordLength = 4096;

    public static void MapAccounts(this RouteGroupBuilder auth)
    {
        auth.MapPost("/register/", RegisterAsync).AllowAnonymous().RequireRateLimiting(RateLimits.AuthPolicy).ExemptFromAdmission();
        auth.MapPost("/login/", LoginAsync).AllowAnonymous().RequireRateLimiting(RateLimits.AuthPolicy).ExemptFromAdmission();
        auth.MapPost("/logout/", LogoutAsync).RequireAuthorization();
        auth.MapPost("/token/refresh/", RefreshAsync).AllowAnonymous().RequireRateLimiting(RateLimits.RefreshPolicy);
        auth.MapPost("/change-password/", ChangePasswordAsync).RequireAuthorization().RequireRateLimiting(RateLimits.AuthPolicy).ExemptFromAdmission();
        auth.MapPost("/password-reset/", PasswordReset).AllowAnonymous().RequireRateLimiting(RateLimits.AuthPolicy);
    }

    static async Task<Results<Created<AuthResponse>, BodyError, FieldErrorsResult>> RegisterAsync(
        RequestFields read, HttpRequest request, CvTailorDbContext db, PasswordService passwords, TokenService tokens, TimeProvider time,
        ILogger<AuthLog> logger, CancellationToken ct)
    {
        if (read.Error is { } bodyError)
        {
            return bodyError;
        }
        var body = read.Values;
        var errors = new FieldErrors();
        // The email becomes the username too, so it must also fit username's 150 characters.
        if (body.TryReadEmail("email", errors, out var email, required: true, maxLength: 150))
        {
            if (await EmailTakenAsync(db, email, ct))
            {
                errors.Add("email", EmailTaken);
            }
        }
        if (body.TryReadString("password", errors, out var password, required: true, allowBlank: false, maxLength: MaxPasswordLength, trim: false))
        {
            foreach (var message in PasswordRules.Validate(password))
            {
                errors.Add("password", message);
            }
        }
        body.TryReadString("password_confirm", errors, out var confirm, required: true, allowBlank: false, maxLength: MaxPasswordLength, trim: false);
        body.TryReadString("first_name", errors, out var firstName, maxLength: 150);
        body.TryReadString("last_name", errors, out var lastName, maxLength: 150);
        if (!errors.HasErrors && password != confirm)
        {
            errors.Add(FieldErrors.NonField, "Passwords don't match.");
        }
        if (errors.HasErrors)
        {
            return errors.ToBadRequest();
        }

        var now = time.UtcNow();
        var user = new User
        {
            Username = email.Normalize(NormalizationForm.FormKC),
            Email = NormalizeEmail(email),
            Password = await passwords.HashAsync(password, ct),
            FirstName = firstName,
            LastName = lastName,
            DateJoined = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        TokenPair pair;
        try
        {
            pair = await db.Database.CreateExecutionStrategy().ExecuteAsync(async c =>
            {
                db.ChangeTracker.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(c);
                db.Users.Add(user);
                await db.SaveChangesAsync(c);
                var issued = await tokens.IssueAsync(user.Id, c);
                await tx.CommitAsync(c);
                return issued;
            }, ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two registrations of one email raced; the loser gets the same answer as if it had come second.
            return FieldErrors.For("email", EmailTaken);
        }
        LogRegistered(logger, user.Id);
        return TypedResults.Created((string?)null, new AuthResponse(UserProfileResponse.From(user, request), pair.Access, pair.Refresh));
    }

    static async Task<Results<Ok<AuthResponse>, BodyError, BadRequest<ApiErrorMessage>>> LoginAsync(
        RequestFields read, HttpRequest request, CvTailorDbContext db, PasswordService passwords, TokenService tokens, TimeProvider time,
        ILogger<AuthLog> logger, CancellationToken ct)
    {
        if (read.Error is { } bodyError)
        {
            return bodyError;
        }
        var body = read.Values;
        var email = LooseString(body, "email");
        var password = LooseString(body, "password");
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password) || password.Length > MaxPasswordLength)
        {
            return TypedResults.BadRequest(new ApiErrorMessage("Email and password required"));
        }

        var user = await FindByLoginAsync(db, email, ct);
        if (user is null)
        {
            await passwords.VerifyDecoyAsync(password, ct);
            LogLoginFailed(logger, null);
            return TypedResults.BadRequest(new ApiErrorMessage("Invalid credentials"));
        }
        var check = await passwords.VerifyAsync(user.Password, password, ct);
        if (check == PasswordCheck.Failed || !user.IsActive)
        {
            LogLoginFailed(logger, user.Id);
            return TypedResults.BadRequest(new ApiErrorMessage("Invalid credentials"));
        }
        if (check == PasswordCheck.SuccessRehashNeeded)
        {
            // Imported Django hashes (and weaker Identity ones) are replaced by a current hash on the first good login.
            user.Password = await passwords.HashAsync(password, ct);
            await db.SaveChangesAsync(ct);
            LogRehashed(logger, user.Id);
        }
        var pair = await tokens.IssueAsync(user.Id, ct);
        LogLoggedIn(logger, user.Id);
        return TypedResults.Ok(new AuthResponse(UserProfileResponse.From(user, request), pair.Access, pair.Refresh));
    }

    static async Task<Results<Ok<MessageResponse>, BodyError, BadRequest<ApiErrorMessage>>> LogoutAsync(
        RequestFields read, CurrentUser current, TokenService tokens, CancellationToken ct)
    {
        if (read.Error is { } bodyError)
        {
            return bodyError;
        }
        var refresh = LooseString(read.Values, "refresh");
        if (string.IsNullOrEmpty(refresh))
        {
            return TypedResults.BadRequest(new ApiErrorMessage("Refresh token required"));
        }
        return await tokens.RevokeAsync(refresh, current.Id, ct)
            ? TypedResults.Ok(new MessageResponse("Successfully logged out"))
            : TypedResults.BadRequest(new ApiErrorMessage("Invalid token"));
    }

    static async Task<Results<Ok<RefreshResponse>, BodyError, FieldErrorsResult, TooManyRequestsJson<ApiDetail>, UnauthorizedJson<ApiDetailWithCode>>> RefreshAsync(
        RequestFields read, HttpResponse response, TokenService tokens, CancellationToken ct)
    {
        if (read.Error is { } bodyError)
        {
            return bodyError;
        }
        var errors = new FieldErrors();
        if (!read.Values.TryReadString("refresh", errors, out var refresh, required: true, allowBlank: false, trim: false))
        {
            return errors.ToBadRequest();
        }
        var (pair, rejection) = await tokens.RefreshAsync(refresh, ct);
        if (pair is not null)
        {
            return TypedResults.Ok(new RefreshResponse(pair.Access, pair.Refresh));
        }
        if (rejection!.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return new TooManyRequestsJson<ApiDetail>(new ApiDetail(rejection.Detail));
        }
        return new UnauthorizedJson<ApiDetailWithCode>(new ApiDetailWithCode(rejection.Detail, rejection.Code));
    }

    static async Task<Results<Ok<MessageResponse>, BodyError, BadRequest<ApiErrorMessage>, BadRequest<PasswordProblems>>> ChangePasswordAsync(
        RequestFields read, CurrentUser current, CvTailorDbContext db, PasswordService passwords, TokenService tokens,
        TimeProvider time, ILogger<AuthLog> logger, CancellationToken ct)
    {
        if (read.Error is { } bodyError)
        {
            return bodyError;
        }
        var body = read.Values;
        var currentPassword = LooseString(body, "current_password");
        var newPassword = LooseString(body, "new_password");
        var confirm = LooseString(body, "new_password_confirm");
        if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword) || string.IsNullOrEmpty(confirm))
        {
            return TypedResults.BadRequest(new ApiErrorMessage("All password fields are required"));
        }
        if (newPassword != confirm)
        {
            return TypedResults.BadRequest(new ApiErrorMessage("New passwords do not match"));
        }
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == current.Id, ct);
        if (user is null || currentPassword.Length > MaxPasswordLength
            || await passwords.VerifyAsync(user.Password, currentPassword, ct) == PasswordCheck.Failed)
        {
            return TypedResults.BadRequest(new ApiErrorMessage("Current password is incorrect"));
        }
        var problems = PasswordRules.Validate(newPassword).ToList();
        if (newPassword.Length > MaxPasswordLength)
        {
            problems.Add(DrfFields.MaxLength(MaxPasswordLength));
        }
        if (problems.Count > 0)
        {
            return TypedResults.BadRequest(new PasswordProblems(problems));
        }

        user.Password = await passwords.HashAsync(newPassword, ct);
        user.UpdatedAt = time.UtcNow();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async c =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(c);
            await db.SaveChangesAsync(c);
            // Sessions elsewhere end with the old password: their refresh tokens stop working.
            await tokens.RevokeAllAsync(user.Id, c);
            await tx.CommitAsync(c);
        }, ct);
        LogPasswordChanged(logger, user.Id);
        return TypedResults.Ok(new MessageResponse("Password changed successfully"));
    }

    static Results<Ok<MessageResponse>, BodyError, BadRequest<ApiErrorMessage>> PasswordReset(RequestFields read)
    {
        if (read.Error is { } bodyError)
        {
            return bodyError;
        }
        // Nothing is looked up or sent (as in the original): the answer must not reveal whether the email exists.
        return string.IsNullOrWhiteSpace(LooseString(read.Values, "email"))
            ? TypedResults.BadRequest(new ApiErrorMessage("Email is required"))
            : TypedResults.Ok(new MessageResponse("If this email exists, a password reset link has been sent"));
    }

    /// <summary>Case-insensitive on email and username (= email), preferring an exact email match.</summary>
    internal static async Task<User?> FindByLoginAsync(CvTailorDbContext db, string email, CancellationToken ct)
    {
        var candidates = await db.Users
            .WhereLogin(email.Trim())
            .OrderBy(u => u.Id)
            .Take(5)
            .ToListAsync(ct);
        return candidates.FirstOrDefault(u => u.Email == email) ?? candidates.FirstOrDefault();
    }

    internal static Task<bool> EmailTakenAsync(CvTailorDbContext db, string email, CancellationToken ct) =>
        db.Users.WhereLogin(email).AnyAsync(ct);

    /// <summary>Django's <c>normalize_email</c>: the domain part lower-cased, the local part kept.</summary>
    internal static string NormalizeEmail(string email)
    {
        var at = email.LastIndexOf('@');
        return at < 0 ? email : email[..(at + 1)] + email[(at + 1)..].ToLowerInvariant();
    }

    /// <summary><c>request.data.get(key)</c> as the original's function views read it: strings and numbers count.</summary>
    static string? LooseString(JsonObject body, string key) =>
        body.TryGetPropertyValue(key, out var node) && node is JsonValue v
            ? v.GetValueKind() switch
            {
                JsonValueKind.String => v.GetValue<string>(),
                JsonValueKind.Number => v.ToJsonString(),
                _ => null,
            }
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} registered")]
    static partial void LogRegistered(ILogger logger, long userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} logged in")]
    static partial void LogLoggedIn(ILogger logger, long userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Login failed (user {UserId})")]
    static partial void LogLoginFailed(ILogger logger, long? userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Password hash of user {UserId} upgraded")]
    static partial void LogRehashed(ILogger logger, long userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} changed the password; refresh tokens revoked")]
    static partial void LogPasswordChanged(ILogger logger, long userId);
}

public sealed record MessageResponse(string Message);

public sealed record RefreshResponse(string Access, string Refresh);

/// <summary>A7's validator failure: <c>{"error": ["msg", ...]}</c> (a list, as the original sent it).</summary>
public sealed record PasswordProblems(IReadOnlyList<string> Error);

/// <summary>Log category for account events (user ids only: no emails, passwords or tokens).</summary>
public sealed class AuthLog;
