namespace CvTailor.Api.Export.Endpoints;

/// <summary>Configuration section <c>Export</c>: the export jobs and their downloads.</summary>
public sealed class ExportServiceOptions
{
    public const string Section = "Export";

    /// <summary>An export's file is kept this long after it completes (the original's 24 hours).</summary>
    public TimeSpan FileLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a signed download link (<c>download_url</c>) works without an Authorization header.</summary>
    public TimeSpan DownloadLinkLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// HMAC key for download links (at least 32 bytes). Unset: derived from the JWT signing key, so every replica
    /// that accepts the same tokens accepts the same links.
    /// </summary>
    public string? DownloadSigningKey { get; set; }

    /// <summary>Exports one user may start per hour; 0 = unlimited.</summary>
    public int MaxPerHour { get; set; } = 240;

    /// <summary>What the 202 answer promises as <c>estimated_completion_time</c> (the original said 10 s).</summary>
    public TimeSpan EstimatedDuration { get; set; } = TimeSpan.FromSeconds(10);
}
