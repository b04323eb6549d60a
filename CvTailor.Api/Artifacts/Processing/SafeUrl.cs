namespace CvTailor.Api.Artifacts.Processing;

/// <summary>A URL as logs and spans may show it: scheme, host, port and path, without user info, query or fragment.</summary>
public static class SafeUrl
{
    public static string ForLog(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            return "(relative)";
        }
        var path = uri.AbsolutePath.Length > 100 ? uri.AbsolutePath[..100] + "…" : uri.AbsolutePath;
        return $"{uri.Scheme}://{uri.Authority}{path}"; // Authority has no user info
    }

    public static string ForLog(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? ForLog(uri) : "(invalid)";
}
