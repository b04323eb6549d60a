using System.Globalization;
using CvTailor.Bench.Embeddings;

namespace CvTailor.Bench.Api;

/// <summary>
/// <c>scale-report [--requests 100]</c>: the performance figures in one run, each part on its own throwaway cluster:
/// match and search with semantic scoring on against their own data access, where a match's time goes and storage
/// per chunk (<c>match-latency</c>), then <c>api-bench</c> at concurrency 1, 8 and 32 with login, artifact processing,
/// search and match (each endpoint against its own data access).
/// </summary>
internal static class ScaleReportCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var requests = EmbeddingLatencyCommand.Option(args, "--requests", 100);
        await output.WriteLineAsync("== match-latency");
        var status = await MatchLatencyCommand.RunAsync(["--iterations", "50"], output, ct);
        if (status != 0)
        {
            return status;
        }
        await output.WriteLineAsync("== api-bench");
        return await ApiBenchCommand.RunAsync(
            ["--scenarios", "login,artifact-processing,search,match", "--concurrency", "1,8,32",
             "--requests", requests.ToString(CultureInfo.InvariantCulture), "--warmup", "5"], output, ct);
    }
}
