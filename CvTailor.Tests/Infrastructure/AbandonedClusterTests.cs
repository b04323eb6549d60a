using System.Diagnostics;
using CvTailor.Tests.Infrastructure;

namespace CvTailor.Tests.Infrastructure;

/// <summary>The test fixture removes clusters of test hosts that are gone, and only those.</summary>
public sealed class AbandonedClusterTests
{
    [Fact]
    public async Task A_cluster_whose_host_is_gone_is_deleted_and_a_live_hosts_cluster_is_kept()
    {
        using var finished = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await finished.WaitForExitAsync();
        var gone = Path.Combine(Path.GetTempPath(), $"cvtailor-test-pg-{finished.Id}-{Guid.NewGuid():N}");
        var mine = Path.Combine(Path.GetTempPath(), $"cvtailor-test-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(gone, "data"));
        await File.WriteAllTextAsync(Path.Combine(gone, "data", "PG_VERSION"), "15");
        Directory.CreateDirectory(mine);
        try
        {
            TestPostgres.DeleteAbandonedClusters();
            Assert.False(Directory.Exists(gone));
            Assert.True(Directory.Exists(mine));
        }
        finally
        {
            Directory.Delete(mine, recursive: true);
            if (Directory.Exists(gone))
            {
                Directory.Delete(gone, recursive: true);
            }
        }
    }
}
