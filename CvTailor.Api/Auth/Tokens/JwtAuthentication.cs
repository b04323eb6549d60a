using System.Text.Json.Serialization;
using CvTailor.Api.DrfContract;
using CvTailor.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CvTailor.Api.Auth.Tokens;

/// <summary>
/// Bearer authentication with simplejwt's behaviour: the header type must be exactly <c>Bearer</c>, only access
/// tokens authenticate, the user must exist and be active, and every 401 carries
/// <c>WWW-Authenticate: Bearer realm="api"</c> with the original's body.
/// </summary>
public static class JwtAuthentication
{
    const string HeaderPrefix = "Bearer ";
    const string Challenge = "Bearer realm=\"api\"";

    public static IServiceCollection AddJwtAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<JwtSigningKey>((options, key) =>
            {
                options.MapInboundClaims = false;
                options.IncludeErrorDetails = false;
                options.TokenValidationParameters = key.ValidationParameters();
                options.Events = new JwtBearerEvents
                {
                    OnMessageReceived = ReadToken,
                    OnTokenValidated = CheckTokenAsync,
                    OnChallenge = WriteChallengeAsync,
                    OnForbidden = WriteForbiddenAsync,
                };
            });
        services.AddAuthorization();
        return services;
    }

    static Task ReadToken(MessageReceivedContext context)
    {
        string? header = context.Request.Headers.Authorization;
        if (header is null || !header.StartsWith(HeaderPrefix, StringComparison.Ordinal))
        {
            // Another scheme or a differently-cased "bearer": as if no credentials were sent (simplejwt ignores it).
            context.NoResult();
            return Task.CompletedTask;
        }
        var token = header[HeaderPrefix.Length..];
        if (token.Length == 0 || token.Contains(' ', StringComparison.Ordinal))
        {
            context.Fail(new TokenRejectedException(new AuthFailureBody(
                "Authorization header must contain two space-delimited values", "bad_authorization_header")));
            return Task.CompletedTask;
        }
        context.Token = token;
        return Task.CompletedTask;
    }

    static async Task CheckTokenAsync(TokenValidatedContext context)
    {
        if (context.SecurityToken is not JsonWebToken token
            || !token.TryGetPayloadValue<string>(TokenClaims.TokenType, out var type) || type != TokenClaims.Access)
        {
            context.Fail(new TokenRejectedException(AuthFailureBody.TokenNotValid("Token has wrong type")));
            return;
        }
        if (string.IsNullOrEmpty(token.Id) || TokenService.UserIdOf(token) is not { } userId)
        {
            context.Fail(new TokenRejectedException(new AuthFailureBody("Token contained no recognizable user identification", "token_not_valid")));
            return;
        }
        var db = context.HttpContext.RequestServices.GetRequiredService<CvTailorDbContext>();
        var active = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => (bool?)u.IsActive)
            .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (active is null)
        {
            context.Fail(new TokenRejectedException(new AuthFailureBody("User not found", "user_not_found")));
        }
        else if (active == false)
        {
            context.Fail(new TokenRejectedException(new AuthFailureBody("User is inactive", "user_inactive")));
        }
    }

    static async Task WriteChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var body = context.AuthenticateFailure switch
        {
            null => new AuthFailureBody(ApiMessages.NotAuthenticated, null),
            TokenRejectedException rejected => rejected.Body,
            SecurityTokenExpiredException => AuthFailureBody.TokenNotValid("Token is expired"),
            _ => AuthFailureBody.TokenNotValid("Token is invalid"),
        };
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = Challenge;
        await context.Response.WriteAsJsonAsync(body, context.HttpContext.RequestAborted);
    }

    static Task WriteForbiddenAsync(ForbiddenContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsJsonAsync(
            new ApiDetail("You do not have permission to perform this action."), context.HttpContext.RequestAborted);
    }

    sealed class TokenRejectedException(AuthFailureBody body) : AuthenticationFailureException(body.Detail)
    {
        public AuthFailureBody Body { get; } = body;
    }
}

/// <summary>simplejwt's 401 body. <c>code</c> and <c>messages</c> are left out when null.</summary>
public sealed record AuthFailureBody(
    string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AuthFailureMessage>? Messages = null)
{
    public static AuthFailureBody TokenNotValid(string message) =>
        new("Given token not valid for any token type", TokenRejection.NotValidCode,
            [new AuthFailureMessage("AccessToken", TokenClaims.Access, message)]);
}

public sealed record AuthFailureMessage(string TokenClass, string TokenType, string Message);
