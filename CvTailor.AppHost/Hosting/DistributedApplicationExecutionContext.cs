namespace CvTailor.AppHost.Hosting;

/// <summary>Whether the AppHost runs the application model or publishes it (Aspire's execution context).</summary>
public sealed class DistributedApplicationExecutionContext
{
    public DistributedApplicationExecutionContext(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Arguments = args;
        // Aspire's spellings: `publish` as the verb, `--operation publish`, or `--publisher <name>` on its own.
        IsPublishMode = args is ["publish", ..]
            || args.Contains("--publisher", StringComparer.Ordinal)
            || args.Any(a => a.StartsWith("--publisher=", StringComparison.Ordinal))
            || args.Select((a, i) => (a, i)).Any(x => x.a == "--operation" && x.i + 1 < args.Length && args[x.i + 1] == "publish");
    }

    public bool IsPublishMode { get; }
    public bool IsRunMode => !IsPublishMode;

    /// <summary>The command line, for the publisher to read its own options from.</summary>
    public IReadOnlyList<string> Arguments { get; }
}
