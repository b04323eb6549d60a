using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Text.Json;
using CvTailor.SentenceEncoder;

namespace CvTailor.Bench.Model;

/// <summary>
/// Prints (never asserts) the throughput of the C# Universal Sentence Encoder Lite on 1 and 2 threads and of the
/// reference Node runtime on the same texts in the same run, plus load time and memory of both.
/// </summary>
internal static class ModelBenchmark
{
    static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args)
    {
        var count = IntArg(args, "--count", 1000);
        var runs = IntArg(args, "--runs", 5);
        var pack = IntArg(args, "--pack", 32);
        var withNode = !args.Contains("--no-node");
        var root = RepositoryRoot.Find();
        var modelDirectory = UseLiteModelDirectory.Resolve(StringArg(args, "--model"));
        if (!UseLiteModelDirectory.IsComplete(modelDirectory))
        {
            await RunScriptAsync(Path.Combine(root, "eng", "model", "fetch-model.sh"));
        }

        var texts = BenchSentences.Generate(count);
        using var process = Process.GetCurrentProcess();
        var loadCpu = process.TotalProcessorTime;
        var load = Stopwatch.StartNew();
        var model = UseLiteModel.Load(modelDirectory);
        load.Stop();
        process.Refresh();
        loadCpu = process.TotalProcessorTime - loadCpu;
        var workingSetAfterLoad = process.WorkingSet64;
        var managedAfterLoad = GC.GetTotalMemory(forceFullCollection: true);

        var tokens = texts.Select(model.Tokenize).ToArray();
        var tokenizeTimer = Stopwatch.StartNew();
        foreach (var text in texts)
        {
            model.Tokenize(text);
        }
        tokenizeTimer.Stop();
        var totalTokens = tokens.Sum(t => Math.Min(t.Length, UseLiteModel.MaxTokens));
        var words = texts.Average(t => t.Split(' ').Length);

        Console.WriteLine($"Texts: {count} sentences, {words:F1} words and {(double)totalTokens / count:F1} tokens on average ({totalTokens} tokens)");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {RuntimeDescription()}{LoadAverage()}");
        Console.WriteLine();

        var results = new List<(string Name, double SentencesPerSecond, double CpuMs)>();
        float[][]? reference = null;
        foreach (var threads in new[] { 1, 2 })
        {
            var options = new UseLiteRunOptions(threads, pack, Math.Max(UseLiteModel.MaxTokens, pack * 64));
            var (rate, cpuMs, vectors) = Measure(() => model.Embed(texts, options), count, runs);
            reference ??= vectors;
            results.Add(($"C# {threads} thread{(threads > 1 ? "s" : "")}, packs of {pack}", rate, cpuMs));
        }
        var single = UseLiteRunOptions.Default;
        var (singleRate, singleCpu, _) = Measure(() => texts.Select(t => model.Embed([t], single)[0]).ToArray(), count, runs);
        results.Add(("C# 1 thread, 1 sentence per call", singleRate, singleCpu));
        process.Refresh();
        var peakWorkingSet = process.PeakWorkingSet64;

        NodeResult? node = null;
        if (withNode)
        {
            node = await RunNodeAsync(root, texts, runs, pack);
            results.Add(($"Node {node.Node} tfjs {node.Backend}, {pack} per call", node.SentencesPerSecond, node.CpuMs / count));
        }

        // Wall-clock figures are what a caller sees; CPU time per sentence is less disturbed by other load.
        Console.WriteLine($"{"runtime / setting",-44} {"sentences/s",12} {"ms/sentence",12} {"vs Node",8} {"CPU ms/sent.",13}");
        foreach (var (name, rate, cpuMs) in results)
        {
            var ratio = node is null ? "" : $"{rate / node.SentencesPerSecond:F1}x";
            Console.WriteLine($"{name,-44} {rate,12:F1} {1000 / rate,12:F2} {ratio,8} {cpuMs,13:F2}");
        }
        Console.WriteLine();
        Console.WriteLine($"First pass after load (JIT included), 1 thread: {count / firstPassSeconds:F1} sentences/s");
        Console.WriteLine($"Tokenizer: {tokenizeTimer.Elapsed.TotalMicroseconds / count:F1} µs per sentence");
        Console.WriteLine($"C# load: {load.Elapsed.TotalMilliseconds:F0} ms ({loadCpu.TotalMilliseconds:F0} ms CPU); working set after load {Mb(workingSetAfterLoad)} MB, " +
            $"managed heap {Mb(managedAfterLoad)} MB, peak working set {Mb(peakWorkingSet)} MB");
        if (node is not null)
        {
            Console.WriteLine($"Node load: {node.LoadMs:F0} ms; RSS after load {Mb(node.RssAfterLoadBytes)} MB, peak RSS {Mb(node.PeakRssBytes)} MB");
            var cosines = node.Vectors.Select((v, i) => TensorPrimitives.CosineSimilarity(v, reference![i])).ToArray();
            Console.WriteLine($"Agreement on the first {cosines.Length} texts: minimum cosine {cosines.Min():F7}");
        }
        return 0;
    }

    static double? firstPassSeconds;

    static (double SentencesPerSecond, double CpuMsPerSentence, float[][] Vectors) Measure(Func<float[][]> pass, int count, int runs)
    {
        var warmUp = Stopwatch.StartNew();
        var vectors = pass(); // warm-up (JIT) and the vectors to compare
        firstPassSeconds ??= warmUp.Elapsed.TotalSeconds;
        var times = new List<(double Wall, double Cpu)>();
        using var self = Process.GetCurrentProcess();
        for (var r = 0; r < runs; r++)
        {
            self.Refresh();
            var cpu = self.TotalProcessorTime;
            var timer = Stopwatch.StartNew();
            pass();
            timer.Stop();
            self.Refresh();
            times.Add((timer.Elapsed.TotalSeconds, (self.TotalProcessorTime - cpu).TotalMilliseconds));
        }
        times.Sort();
        var median = times[times.Count / 2];
        return (count / median.Wall, median.Cpu / count, vectors);
    }

    sealed record NodeResult(
        string Backend, string Node, double LoadMs, double MedianMs, double CpuMs, double SentencesPerSecond,
        long RssAfterLoadBytes, long PeakRssBytes, float[][] Vectors);

    static async Task<NodeResult> RunNodeAsync(string root, List<string> texts, int runs, int pack)
    {
        var runtime = (await RunScriptAsync(Path.Combine(root, "eng", "model", "install-node-runtime.sh"))).Trim().Split('\n')[^1];
        var input = Path.Combine(Path.GetTempPath(), $"cvtailor-bench-{Environment.ProcessId}.json");
        await File.WriteAllTextAsync(input, JsonSerializer.Serialize(texts));
        try
        {
            var output = await RunAsync("node", [Path.Combine(root, "eng", "model", "bench-node.mjs"),
                "--input", input, "--runs", runs.ToString(CultureInfo.InvariantCulture),
                "--pack", pack.ToString(CultureInfo.InvariantCulture), "--runtime", runtime]);
            return JsonSerializer.Deserialize<NodeResult>(output.Trim().Split('\n')[^1], WebJson)
                ?? throw new InvalidOperationException("The Node benchmark printed nothing.");
        }
        finally
        {
            File.Delete(input);
        }
    }

    static Task<string> RunScriptAsync(string script) => RunAsync("bash", [script]);

    static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var child = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', info.ArgumentList)} failed ({child.ExitCode}): {await stderr}");
        }
        return await stdout;
    }

    static string RuntimeDescription() =>
        $".NET {Environment.Version}, {(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "256-bit SIMD" : "no 256-bit SIMD")}";

    // Other work on a shared machine skews the figures; say how busy it was.
    static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? $", load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}" : "";

    static string Mb(long bytes) => (bytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture);

    static int IntArg(string[] args, string name, int fallback)
    {
        var value = StringArg(args, name);
        return value is null ? fallback : int.Parse(value, CultureInfo.InvariantCulture);
    }

    static string? StringArg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
