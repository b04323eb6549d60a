namespace CvTailor.Api.DrfContract;

/// <summary>DRF's generic error body: <c>{"detail": "..."}</c> (401, 404, 405, 415, 429 ...).</summary>
public sealed record ApiDetail(string Detail);

/// <summary>DRF's generic error body with a machine code, e.g. <c>{"detail": "Token is invalid", "code": "token_not_valid"}</c>.</summary>
public sealed record ApiDetailWithCode(string Detail, string Code);

/// <summary>The original's hand-written error body: <c>{"error": "..."}</c>.</summary>
public sealed record ApiErrorMessage(string Error);

/// <summary>Messages the original API used in more than one area.</summary>
public static class ApiMessages
{
    public const string InvalidPage = "Invalid page.";
    public const string NotAuthenticated = "Authentication credentials were not provided.";
    public const string BodyTooLarge = "Request body is too large.";

    public static string NotFound(string modelName) => $"No {modelName} matches the given query.";
    public static string MethodNotAllowed(string method) => $"Method \"{method}\" not allowed.";
    public static string UnsupportedMediaType(string? contentType) => $"Unsupported media type \"{contentType}\" in request.";
    public static string Throttled(int seconds) => $"Request was throttled. Expected available in {seconds} second{(seconds == 1 ? "" : "s")}.";
}
