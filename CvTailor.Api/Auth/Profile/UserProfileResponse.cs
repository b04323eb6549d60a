using CvTailor.Data.Accounts;

namespace CvTailor.Api.Auth.Profile;

/// <summary>The contract's <c>&lt;UserProfile&gt;</c>.</summary>
public sealed record UserProfileResponse(
    long Id,
    string Email,
    string Username,
    string FirstName,
    string LastName,
    string? ProfileImage,
    string Phone,
    string LinkedinUrl,
    string GithubUrl,
    string WebsiteUrl,
    string Bio,
    string Location,
    int PreferredCvTemplate,
    bool EmailNotifications,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static UserProfileResponse From(User u, HttpRequest request) => new(
        u.Id, u.Email, u.Username, u.FirstName, u.LastName, ProfileImages.Url(u.ProfileImage, request), u.Phone,
        u.LinkedinUrl, u.GithubUrl, u.WebsiteUrl, u.Bio, u.Location, u.PreferredCvTemplate, u.EmailNotifications,
        u.CreatedAt, u.UpdatedAt);
}

/// <summary>The contract's <c>&lt;UserUpdate&gt;</c>: the 11 editable fields only.</summary>
public sealed record UserUpdateResponse(
    string FirstName,
    string LastName,
    string? ProfileImage,
    string Phone,
    string LinkedinUrl,
    string GithubUrl,
    string WebsiteUrl,
    string Bio,
    string Location,
    int PreferredCvTemplate,
    bool EmailNotifications)
{
    public static UserUpdateResponse From(User u, HttpRequest request) => new(
        u.FirstName, u.LastName, ProfileImages.Url(u.ProfileImage, request), u.Phone, u.LinkedinUrl, u.GithubUrl,
        u.WebsiteUrl, u.Bio, u.Location, u.PreferredCvTemplate, u.EmailNotifications);
}

/// <summary>Register, login and Google sign-in answers.</summary>
public sealed record AuthResponse(UserProfileResponse User, string Access, string Refresh);
