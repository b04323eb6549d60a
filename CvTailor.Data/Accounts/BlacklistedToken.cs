namespace CvTailor.Data.Accounts;

/// <summary><c>token_blacklist_blacklistedtoken</c>: a revoked refresh token (one-to-one with its outstanding row).</summary>
public class BlacklistedToken
{
    public long Id { get; set; }
    public DateTime BlacklistedAt { get; set; } = DateTime.UtcNow;
    public long TokenId { get; set; }

    public OutstandingToken? Token { get; set; }
}
