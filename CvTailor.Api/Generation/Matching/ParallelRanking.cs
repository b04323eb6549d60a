namespace CvTailor.Api.Generation.Matching;

/// <summary>
/// The ranking's per-artifact passes spread over the cores. A pass may only read state shared by the ranking and
/// write its own index's slot, so the result is the same as one after another. Small inputs (a few artifacts, the
/// tests' fixtures) stay on the calling thread: there the hand-over costs more than the work.
/// </summary>
public static class ParallelRanking
{
    /// <summary>Fewer items than this run one after another.</summary>
    public const int MinimumItems = 16;

    static readonly ParallelOptions Options = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    public static void For(int count, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (count < MinimumItems || Environment.ProcessorCount == 1)
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }
            return;
        }
        Parallel.For(0, count, Options, body);
    }
}
