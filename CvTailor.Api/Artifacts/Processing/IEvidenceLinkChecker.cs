namespace CvTailor.Api.Artifacts.Processing;

/// <summary>Checks whether an evidence URL answers 200 (following redirects), within <paramref name="timeout"/>.</summary>
public interface IEvidenceLinkChecker
{
    /// <remarks>Never throws for the link's own problems (they are results); throws only when <paramref name="ct"/> is cancelled.</remarks>
    Task<LinkCheckResult> CheckAsync(string url, TimeSpan timeout, CancellationToken ct);
}
