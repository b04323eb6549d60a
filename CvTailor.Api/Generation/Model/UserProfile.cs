namespace CvTailor.Api.Generation.Model;

/// <summary>The profile fields of <c>accounts_user</c> that a CV shows.</summary>
public sealed record UserProfile
{
    public string FirstName { get; init; } = "";

    public string LastName { get; init; } = "";

    /// <summary>Used when first and last name are empty (the contract falls back to the username).</summary>
    public string DisplayName { get; init; } = "";

    public string Email { get; init; } = "";

    public string Phone { get; init; } = "";

    public string Location { get; init; } = "";

    public string LinkedinUrl { get; init; } = "";

    public string GithubUrl { get; init; } = "";

    public string WebsiteUrl { get; init; } = "";

    /// <summary>A one-line professional headline or the first line of the bio.</summary>
    public string Headline { get; init; } = "";

    public string FullName
    {
        get
        {
            var name = $"{FirstName} {LastName}".Trim();
            return name.Length > 0 ? name : DisplayName;
        }
    }
}
