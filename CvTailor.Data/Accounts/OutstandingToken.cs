namespace CvTailor.Data.Accounts;

/// <summary><c>token_blacklist_outstandingtoken</c>: every refresh token issued (simplejwt's blacklist app).</summary>
public class OutstandingToken
{
    public long Id { get; set; }
    public string Token { get; set; } = "";
    public DateTime? CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public long? UserId { get; set; }
    public string Jti { get; set; } = "";

    public BlacklistedToken? Blacklisted { get; set; }
}
