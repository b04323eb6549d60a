using System.Globalization;
using CvTailor.Bench.Embeddings;

namespace CvTailor.Bench.Api;

/// <summary>
/// <c>scale-report [--requests 200]</c>: the performance figures in one run, each part on its own throwaway cluster:
/// match and search with semantic scoring on against their own data access, where a match's time goes and storage
/// per chunk (<c>match-latency</c>), then <c>api-bench</c> at concurrency 1, 8 and 32 with login, artifact processing,
/// search and match (each endpoint against its own data access).
/// </summary>
internal static class ScaleReportCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var requests = EmbeddingLatencyCommand.Option(args, "--requests", 200);
        await output.WriteLineAsync(BenchMachine.Describe());
        await output.WriteLineAsync($"# load average at start: {BenchMachine.LoadAverage()}");
        await output.WriteLineAsync("== match-latency");
        var status = await MatchLatencyCommand.RunAsync(["--iterations", "100"], output, ct);
        await output.WriteLineAsync($"# load average after match-latency: {BenchMachine.LoadAverage()}");
        if (status != 0)
        {
            return status;
        }
        // The same process already ran every match and search path above (optimised code), so a short warm-up per level
        // is enough here; at 100 calls per level the stragglers of the last round of 32 weighed on the rate.
        await output.WriteLineAsync("== api-bench");
        status = await ApiBenchCommand.RunAsync(
            ["--scenarios", "login,artifact-processing,search,match", "--concurrency", "1,8,32",
             "--requests", requests.ToString(CultureInfo.InvariantCulture), "--warmup", "20"], output, ct);
        await output.WriteLineAsync($"# load average at end: {BenchMachine.LoadAverage()}");
        return status;
    }
}
