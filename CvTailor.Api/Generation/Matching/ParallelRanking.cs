namespace CvTailor.Api.Generation.Matching;

/// <summary>
/// The ranking's per-artifact passes (and the match answer's serialisation) spread over the cores when a core is
/// idle. A pass may only read state shared by the ranking and write its own index's slot, so the result is the same
/// as one after another. Small inputs (a few artifacts, the tests' fixtures) stay on the calling thread, and so does
/// everything while another request is already spread or work is queued for the thread pool: on a busy server the
/// other cores have work of their own, and splitting only adds hand-overs.
/// </summary>
public static class ParallelRanking
{
    /// <summary>Fewer items than this run one after another.</summary>
    public const int MinimumItems = 16;

    static readonly ParallelOptions Options = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    static int _spread;

    public static void For(int count, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (count < MinimumItems || !TryEnter())
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }
            return;
        }
        try
        {
            Parallel.For(0, count, Options, body);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Whether the caller may spread work over the cores now (then it must call <see cref="Exit"/>): at most half the
    /// cores' worth of requests spread at once (one on two cores), and none while the thread pool has work waiting.
    /// </summary>
    public static bool TryEnter()
    {
        if (Environment.ProcessorCount < 2 || ThreadPool.PendingWorkItemCount > 0)
        {
            return false;
        }
        if (Interlocked.Increment(ref _spread) <= Environment.ProcessorCount / 2)
        {
            return true;
        }
        Interlocked.Decrement(ref _spread);
        return false;
    }

    public static void Exit() => Interlocked.Decrement(ref _spread);
}
