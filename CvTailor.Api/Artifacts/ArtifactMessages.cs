using System.Globalization;

namespace CvTailor.Api.Artifacts;

/// <summary>The artifact area's error messages (the original's wording where it had one).</summary>
public static class ArtifactMessages
{
    public const string ArtifactNotFound = "Artifact not found";
    public const string ArtifactNotFoundDetail = "No Artifact matches the given query.";
    public const string EvidenceLinkNotFound = "Evidence link not found";
    public const string FileNotFound = "File not found";
    public const string NoProcessingJob = "No processing job found for this artifact";
    public const string NoFilesProvided = "No files provided";
    public const string NoFileSubmitted = "No file was submitted.";
    public const string EndBeforeStart = "End date must be after start date";
    public const string UrlScheme = "URL must start with http:// or https://";
    public const string SomeArtifactsNotOwned = "Some artifacts not found or not owned by user";
    public const string ExpectedMultipart = "Expected a multipart/form-data request with files.";

    public static string TooManyItems(int max) =>
        string.Create(CultureInfo.InvariantCulture, $"Ensure this field has no more than {max} elements.");

    public static string TooFewItems(int min) =>
        string.Create(CultureInfo.InvariantCulture, $"Ensure this field has at least {min} elements.");

    public static string ItemNotString(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"Item {index}: Not a valid string.");

    public static string ItemBlank(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"Item {index}: This field may not be blank.");

    public static string ItemTooLong(int index, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"Item {index}: Ensure this field has no more than {max} characters.");
}
