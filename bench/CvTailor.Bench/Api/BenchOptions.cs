using System.Globalization;

namespace CvTailor.Bench.Api;

/// <summary>Command-line options of <c>api-bench</c>.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        usage: api-bench [--scenarios login,...] [--requests 200] [--concurrency 8 | 1,8,32] [--warmup 20] [--hash-iterations 210000] [--first-poll-ms 10] [--poll-ms 250] [--ignore-poll-hints] [--set Section:Key=value ...]
          scenarios: login, artifact-create, artifact-list, artifact-list-filtered, artifact-processing, search, match (add more in Scenarios.cs)
          requests/concurrency bound the load: exactly <requests> timed calls, at most <concurrency> in flight; a list runs each level in turn (same host, same data).
          req/s is the whole run's rate; steady/s the rate while all <concurrency> clients were busy (no drain at the end).
          hash-iterations: password hashing cost (default: the Api's own default).
          set: an Api setting over the defaults (repeatable), e.g. --set Evidence:Concurrency=4.
          poll-ms: artifact-processing asks for an artifact's status first-poll-ms after creating it (default 10), then when the answer's hint (Retry-After-Ms / Retry-After) says, else at doubling intervals up to this (default 250; 10 = every 10 ms).
          ignore-poll-hints: artifact-processing polls at its own doubling pace whatever the answer's hint says (a naive client).
        """;

    public IReadOnlyList<string> Scenarios { get; init; } = ["login"];
    public int Requests { get; init; } = 200;
    public IReadOnlyList<int> Concurrency { get; init; } = [8];
    public int Warmup { get; init; } = 20;
    public int? HashIterations { get; init; }
    public int PollMilliseconds { get; init; } = 250;
    public int FirstPollMilliseconds { get; init; } = 10;
    public bool IgnorePollHints { get; init; }
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public static bool TryParse(string[] args, out BenchOptions options, out string? error)
    {
        options = new BenchOptions();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--ignore-poll-hints")
            {
                options = options with { IgnorePollHints = true };
                continue;
            }
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null)
            {
                error = $"{args[i]} needs a value";
                return false;
            }
            switch (args[i])
            {
                case "--scenarios":
                    options = options with { Scenarios = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
                    break;
                case "--requests" when Positive(value) is { } n:
                    options = options with { Requests = n };
                    break;
                case "--concurrency" when value.Split(',').Select(Positive).ToList() is { Count: > 0 } levels && levels.All(l => l is not null):
                    options = options with { Concurrency = [.. levels.Select(l => l!.Value)] };
                    break;
                case "--warmup" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n >= 0:
                    options = options with { Warmup = n };
                    break;
                case "--hash-iterations" when Positive(value) is { } n:
                    options = options with { HashIterations = n };
                    break;
                case "--first-poll-ms" when Positive(value) is { } n:
                    options = options with { FirstPollMilliseconds = n };
                    break;
                case "--poll-ms" when Positive(value) is { } n:
                    options = options with { PollMilliseconds = n };
                    break;
                case "--set" when value.IndexOf('=', StringComparison.Ordinal) is > 0 and var eq:
                    options = options with { Settings = new Dictionary<string, string>(options.Settings) { [value[..eq]] = value[(eq + 1)..] } };
                    break;
                default:
                    error = $"bad option {args[i]} {value}";
                    return false;
            }
            i++;
        }
        return true;
    }

    static int? Positive(string text) => int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
