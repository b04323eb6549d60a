using CvTailor.Data.Accounts;

namespace CvTailor.Api.Auth;

/// <summary>Case-insensitive user look-ups, translated to SQL <c>lower(...)</c> (culture is not involved on the server).</summary>
public static class UserLookup
{
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() here is translated to SQL, never run in .NET.
    /// <summary>Users whose email or username (= email) equals <paramref name="email"/> ignoring case.</summary>
    public static IQueryable<User> WhereLogin(this IQueryable<User> users, string email)
    {
        var lowered = email.ToLowerInvariant();
        return users.Where(u => u.Email == email || u.Email.ToLower() == lowered || u.Username.ToLower() == lowered);
    }

    public static IQueryable<User> WhereEmailIgnoringCase(this IQueryable<User> users, string email)
    {
        var lowered = email.ToLowerInvariant();
        return users.Where(u => u.Email.ToLower() == lowered);
    }
#pragma warning restore CA1304, CA1311, CA1862
}
