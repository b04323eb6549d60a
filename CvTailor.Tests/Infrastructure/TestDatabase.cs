namespace CvTailor.Tests.Infrastructure;

/// <summary>Database settings the in-process test hosts share.</summary>
public static class TestDatabase
{
    /// <summary>
    /// <c>Database:ProbeTimeout</c> for hosts on the shared test cluster: generous, because a probe answer delayed by
    /// a busy test host would otherwise mark the cluster down (and end its connections) for every test in the process.
    /// </summary>
    public const string SharedClusterProbeTimeout = "00:00:05";

    /// <summary>The production default, for the outage tests on their own clusters.</summary>
    public static readonly Dictionary<string, string?> ProductionProbe = new() { ["Database:ProbeTimeout"] = "00:00:01" };
}
