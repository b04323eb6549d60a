using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CvTailor.Api.DrfContract;
using CvTailor.Api.HttpPipeline;
using CvTailor.Api.Storage;
using CvTailor.Data;
using CvTailor.Data.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Auth.Profile;

/// <summary>A5/A6: the caller's profile, and the public <c>/media/profiles/…</c> pictures.</summary>
public static partial class ProfileEndpoints
{
    const string NotAFile = "The submitted data was not a file. Check the encoding type on the form.";

    /// <summary>Multipart overhead allowed on top of the picture itself.</summary>
    const long FormOverheadBytes = 1024 * 1024;

    public static void MapProfile(this RouteGroupBuilder auth, long maxImageBytes)
    {
        // A bare 404 (the user vanished after authenticating) goes out as problem details (EmptyErrorBodies).
        auth.MapGet("/profile/", GetAsync).RequireAuthorization().ProducesProblem(StatusCodes.Status404NotFound);
        auth.MapMethods("/profile/", [HttpMethods.Put, HttpMethods.Patch], UpdateAsync)
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithRequestBodyLimit(maxImageBytes + FormOverheadBytes)
            .ExemptFromAdmission()
            .DisableAntiforgery()
            .Accepts<JsonObject>("application/json", "multipart/form-data");
    }

    public static void MapProfileMedia(this IEndpointRouteBuilder app) =>
        app.MapGet("/media/profiles/{name}", GetPicture).AllowAnonymous().ExcludeFromDescription();

    static async Task<Results<Ok<UserProfileResponse>, NotFound>> GetAsync(
        CurrentUser current, CvTailorDbContext db, HttpRequest request, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == current.Id, ct);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(UserProfileResponse.From(user, request));
    }

    /// <summary>PUT and PATCH alike: every field optional, unknown keys (username, email) ignored.</summary>
    static async Task<Results<Ok<UserUpdateResponse>, BodyError, FieldErrorsResult, NotFound>> UpdateAsync(
        RequestFields read, CurrentUser current, HttpRequest request, CvTailorDbContext db, ProfileImages images, FileStorage storage,
        TimeProvider time, CancellationToken ct)
    {
        if (read.Error is { } bodyError)
        {
            return bodyError;
        }
        var body = read.Values;
        var errors = new FieldErrors();
        var changes = new List<Action<User>>();
        if (body.TryReadString("first_name", errors, out var firstName, maxLength: 150)) changes.Add(u => u.FirstName = firstName);
        if (body.TryReadString("last_name", errors, out var lastName, maxLength: 150)) changes.Add(u => u.LastName = lastName);
        if (body.TryReadString("phone", errors, out var phone, maxLength: 20)) changes.Add(u => u.Phone = phone);
        if (body.TryReadUrl("linkedin_url", errors, out var linkedin)) changes.Add(u => u.LinkedinUrl = linkedin);
        if (body.TryReadUrl("github_url", errors, out var github)) changes.Add(u => u.GithubUrl = github);
        if (body.TryReadUrl("website_url", errors, out var website)) changes.Add(u => u.WebsiteUrl = website);
        if (body.TryReadString("bio", errors, out var bio)) changes.Add(u => u.Bio = bio);
        if (body.TryReadString("location", errors, out var location, maxLength: 100)) changes.Add(u => u.Location = location);
        if (body.TryReadInt("preferred_cv_template", errors, out var template)) changes.Add(u => u.PreferredCvTemplate = template);
        if (body.TryReadBool("email_notifications", errors, out var notifications)) changes.Add(u => u.EmailNotifications = notifications);

        var file = read.Files?.GetFile("profile_image");
        var clearImage = false;
        if (file is null && body.TryGetPropertyValue("profile_image", out var imageNode))
        {
            // null (JSON) or an empty form value clears the picture; any other non-file value is a mistake.
            if (imageNode is null || (imageNode is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0))
            {
                clearImage = true;
            }
            else
            {
                errors.Add("profile_image", NotAFile);
            }
        }
        if (errors.HasErrors)
        {
            return errors.ToBadRequest();
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == current.Id, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        string? stored = null;
        if (file is not null)
        {
            (stored, var imageError) = await images.SaveAsync(file, ct);
            if (imageError is not null)
            {
                return FieldErrors.For("profile_image", imageError);
            }
        }

        var previousImage = user.ProfileImage;
        foreach (var change in changes)
        {
            change(user);
        }
        if (stored is not null || clearImage)
        {
            user.ProfileImage = stored;
        }
        user.UpdatedAt = time.UtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            storage.TryDelete(stored);
            throw;
        }
        if ((stored is not null || clearImage) && previousImage is not null
            && previousImage.StartsWith(ProfileImages.Folder + "/", StringComparison.Ordinal))
        {
            storage.TryDelete(previousImage);
        }
        return TypedResults.Ok(UserUpdateResponse.From(user, request));
    }

    static Results<PhysicalFileHttpResult, NotFound> GetPicture(string name, FileStorage storage, HttpResponse response)
    {
        if (!SafeName().IsMatch(name) || ProfileImages.ContentTypeFor(name) is not { } contentType
            || storage.Resolve($"{ProfileImages.Folder}/{name}") is not { } path || !File.Exists(path))
        {
            return TypedResults.NotFound();
        }
        // Served as an image and nothing else, even if a browser would guess otherwise.
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.PhysicalFile(path, contentType, enableRangeProcessing: false);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex SafeName();
}
