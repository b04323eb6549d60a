using CvTailor.Api.Generation.Model;

namespace CvTailor.Api.Export;

/// <summary>The contract's <c>personal_info</c>: added to the content at export time from the user's profile.</summary>
public sealed record PersonalInfo(
    string Name, string Email = "", string Phone = "", string Location = "", string LinkedinUrl = "", string GithubUrl = "",
    string WebsiteUrl = "")
{
    public static PersonalInfo From(UserProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new PersonalInfo(profile.FullName, profile.Email, profile.Phone, profile.Location, profile.LinkedinUrl,
            profile.GithubUrl, profile.WebsiteUrl);
    }
}
