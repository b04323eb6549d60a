using CvTailor.Api.DrfContract;

namespace CvTailor.Api.Auth.Tokens;

public sealed record TokenPair(string Access, string Refresh);

/// <summary>Why a refresh token was refused: simplejwt's detail text and code.</summary>
public sealed record TokenRejection(string Detail, string Code)
{
    public const string NotValidCode = "token_not_valid";

    public static readonly TokenRejection Invalid = new("Token is invalid", NotValidCode);
    public static readonly TokenRejection Expired = new("Token is expired", NotValidCode);
    public static readonly TokenRejection WrongType = new("Token has wrong type", NotValidCode);
    public static readonly TokenRejection Blacklisted = new("Token is blacklisted", NotValidCode);
    public static readonly TokenRejection NoActiveAccount = new("No active account found for the given token.", "no_active_account");

    public const string ThrottledCode = "throttled";

    /// <summary>Too many refreshes in one token family: a 429 with <c>Retry-After</c>, DRF's throttling shape.</summary>
    public static TokenRejection Throttled(int retryAfterSeconds) => new(ApiMessages.Throttled(retryAfterSeconds), ThrottledCode)
    {
        RetryAfterSeconds = retryAfterSeconds,
    };

    public int? RetryAfterSeconds { get; init; }
}
