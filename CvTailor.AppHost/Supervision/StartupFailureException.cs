namespace CvTailor.AppHost.Supervision;

/// <summary>
/// A resource that cannot start, with the fix: printed as one line (<c>error: resource 'x': …</c>) and the AppHost exits
/// with code 1 before anything was started.
/// </summary>
public sealed class StartupFailureException(string resource, string message) : Exception($"resource '{resource}': {message}")
{
    public string Resource { get; } = resource;
}
