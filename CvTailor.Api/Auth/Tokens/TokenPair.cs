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
}
