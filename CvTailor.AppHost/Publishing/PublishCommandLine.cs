namespace CvTailor.AppHost.Publishing;

/// <summary>
/// <c>publish --publisher docker-compose|kubernetes|manifest --output-path DIR [options]</c>: Aspire writes its manifest
/// itself; compose and Kubernetes are written by our publishers from the same application model.
/// </summary>
public sealed record PublishCommandLine(PublishOptions Options, string[] AspireArguments)
{
    public bool IsOwnPublisher => Options.Publisher != PublishOptions.Manifest;

    /// <summary>Null when <paramref name="args"/> is not a publish command line (a normal run).</summary>
    public static PublishCommandLine? Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        // Aspire's spellings too: `--operation publish`, or `--publisher` on its own (Aspire 8/9).
        if (args is not ["publish", ..] && !args.Any(a => a is "--publisher" or "--operation" || a.StartsWith("--publisher=", StringComparison.Ordinal)))
        {
            return null;
        }
        var options = PublishOptions.Parse(args);
        // Configuration switches (--Section:Key=value) reach the builder as they are.
        var configuration = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains(':', StringComparison.Ordinal));
        string[] aspire = ["--operation", "publish", "--publisher", options.Publisher, "--output-path", options.OutputPath, .. configuration];
        return new PublishCommandLine(options, aspire);
    }
}
