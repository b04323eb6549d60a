namespace CvTailor.Api.Artifacts.Processing;

/// <summary>Settings of evidence-link checks and artifact processing (section <c>Evidence</c>).</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>Time limit of one link check, redirects and the GET fallback included (the contract's 10 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time limit of one link check when an export validates its document's links (the contract's 5 s).</summary>
    public TimeSpan ExportTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Redirects followed before a check gives up.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Links of one artifact (or one export) checked at once.</summary>
    public int MaxParallelChecks { get; set; } = 4;

    /// <summary>Checks against one host at once, across all jobs of this process (politeness).</summary>
    public int MaxPerHost { get; set; } = 2;

    /// <summary>Time limit of all link checks and GitHub calls of one artifact; links left are recorded as not checked.</summary>
    public TimeSpan ArtifactBudget { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether this process runs processing jobs (off: they stay pending for a replica that does).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>
    /// Processing jobs run at once in this process. A job mostly waits (on sites, up to <see cref="Timeout"/> a
    /// link, and on the database), so this is well above the core count; politeness to each site is
    /// <see cref="MaxPerHost"/>'s job. With 2, two slow sites held up every other user's artifacts, and on loopback
    /// (api-bench, 2 cores) throughput was 50 jobs/s against 77 with 8.
    /// </summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>
    /// Off (the default): links to loopback, private, link-local, multicast and other non-public addresses are refused.
    /// Tests and single-machine setups turn it on.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Non-public networks (CIDR, e.g. <c>10.1.2.0/24</c>) that may be checked although the guard is on.</summary>
    public string[] AllowedPrivateNetworks { get; set; } = [];

    /// <summary>When not empty, only these host names (or IP literals) are contacted; other links get an error without any lookup.</summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>Base URL of the GitHub REST API.</summary>
    public Uri GitHubApiBaseUrl { get; set; } = new("https://api.github.com/");

    /// <summary>Optional GitHub token (sent as <c>Authorization: token …</c>; never logged).</summary>
    public string? GitHubToken { get; set; }

    /// <summary>Time limit of the GitHub analysis of one repository (the PRD's 10 s).</summary>
    public TimeSpan GitHubTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
