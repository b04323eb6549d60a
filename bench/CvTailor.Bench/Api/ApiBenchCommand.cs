using System.Globalization;

namespace CvTailor.Bench.Api;

/// <summary>Starts the Api on loopback, runs each scenario under bounded load, prints the figures.</summary>
public static class ApiBenchCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        if (!BenchOptions.TryParse(args, out var options, out var error))
        {
            await output.WriteLineAsync(error);
            await output.WriteLineAsync(BenchOptions.Usage);
            return 1;
        }
        var scenarios = new List<IApiScenario>();
        foreach (var name in options.Scenarios)
        {
            if (Scenarios.Create(name, options) is not { } scenario)
            {
                await output.WriteLineAsync($"unknown scenario '{name}'");
                return 1;
            }
            scenarios.Add(scenario);
        }

        var settings = new Dictionary<string, string?>();
        if (options.HashIterations is { } iterations)
        {
            settings["Auth:Passwords:Iterations"] = iterations.ToString(CultureInfo.InvariantCulture);
        }
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }
        // Search and match need chunk vectors and query embeddings: run the Embeddings service (and worker) beside the Api.
        var semantic = scenarios.Any(s => s is SemanticScenario);
        await using var host = await BenchHost.StartAsync(settings, ct, embeddings: semantic);
        using var client = host.CreateClient();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"api bench: {Environment.ProcessorCount} cores, requests={options.Requests}, concurrency={string.Join(",", options.Concurrency)}, warmup={options.Warmup}, hash-iterations={options.HashIterations?.ToString(CultureInfo.InvariantCulture) ?? "default"}{string.Concat(options.Settings.Select(kv => $", {kv.Key}={kv.Value}"))}{(semantic ? $", Embeddings service on (USE-Lite, {SemanticScenario.Artifacts} artifacts with vectors; search and match semantic)" : "")}"));
        await output.WriteLineAsync("scenario             conc  ok/total    req/s steady/s     p50 ms    p95 ms    p99 ms    max ms");
        foreach (var scenario in scenarios)
        {
            await scenario.PrepareAsync(host, client, options.Requests, ct);
            foreach (var concurrency in options.Concurrency)
            {
                if (options.Warmup > 0)
                {
                    await LoadRunner.RunAsync((i, c) => scenario.CallAsync(client, i, c), options.Warmup, concurrency, ct);
                }
                (scenario as IScenarioDiagnostics)?.Reset();
                var s = await LoadRunner.RunAsync((i, c) => scenario.CallAsync(client, i, c), options.Requests, concurrency, ct);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{scenario.Name,-20} {concurrency,4} {s.Requests - s.Failures,6}/{s.Requests,-6} {s.PerSecond,7:F1} {Steady(s),8} {s.P50,9:F1} {s.P95,9:F1} {s.P99,9:F1} {s.Max,9:F1}"));
                if (scenario is IDataAccessBaseline baseline)
                {
                    var d = await LoadRunner.RunAsync((i, c) => baseline.DataAccessAsync(i, c), options.Requests, concurrency, ct);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  its data access    {concurrency,4} {d.Requests - d.Failures,6}/{d.Requests,-6} {d.PerSecond,7:F1} {Steady(d),8} {d.P50,9:F1} {d.P95,9:F1} {d.P99,9:F1} {d.Max,9:F1}"));
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  endpoint ÷ data access: p50 {s.P50 / d.P50:F2}×, p95 {s.P95 / d.P95:F2}×"));
                }
                if (scenario is IScenarioDiagnostics diagnostics)
                {
                    await output.WriteLineAsync(await diagnostics.ReportAsync(options.Requests, ct));
                }
            }
        }
        foreach (var disposable in scenarios.OfType<IDisposable>())
        {
            disposable.Dispose();
        }
        return 0;
    }

    /// <summary>The rate while every client was busy (see <see cref="LoadRunner"/>), or a dash for a run too short to tell.</summary>
    static string Steady(LatencySummary s) => double.IsNaN(s.SteadyPerSecond) ? "—" : s.SteadyPerSecond.ToString("F1", CultureInfo.InvariantCulture);
}
