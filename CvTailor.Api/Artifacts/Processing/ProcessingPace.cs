using Microsoft.Extensions.Options;

namespace CvTailor.Api.Artifacts.Processing;

/// <summary>
/// How soon an unfinished processing job is likely to be done, for R8's hint of when to ask again. A client that
/// polls at its own pace asks "not yet" many times while jobs queue (api-bench, 32 clients on 2 cores: 5.5 status
/// calls per artifact at ~2.7 ms of CPU each, against ~22 ms for everything else an artifact costs), and those calls
/// slow the jobs they ask about. The estimate uses what this process knows: the jobs queued ahead of this one, the
/// jobs run at once (<see cref="EvidenceOptions.Concurrency"/>), the mean duration of its recent jobs, and the job's
/// progress.
/// </summary>
public sealed class ProcessingPace(ArtifactProcessingChannel channel, IOptions<EvidenceOptions> options)
{
    /// <summary>Assumed before this process has finished a job.</summary>
    public static readonly TimeSpan InitialMean = TimeSpan.FromMilliseconds(500);

    long _meanTicks = InitialMean.Ticks;

    /// <summary>Mean duration (claim → done) of this process's recent jobs: each new one weighs 1/8.</summary>
    public TimeSpan Mean => TimeSpan.FromTicks(Volatile.Read(ref _meanTicks));

    public void Finished(TimeSpan duration)
    {
        // A lost update under a race only delays the mean by one sample.
        var mean = Volatile.Read(ref _meanTicks);
        Volatile.Write(ref _meanTicks, mean + ((duration.Ticks - mean) / 8));
    }

    /// <summary>Expected time until the job is done: a pending job waits for the jobs ahead of it, spread over the
    /// worker's slots, then runs; a running one has the part of a mean job its progress (10 → 100 %) has not done.</summary>
    public TimeSpan Remaining(Guid jobId, string status, int progressPercentage)
    {
        var mean = Mean;
        if (status == ArtifactProcessingStatuses.Pending)
        {
            var ahead = channel.Ahead(jobId) ?? 0;
            return mean * (1 + ((double)ahead / Math.Max(1, options.Value.Concurrency)));
        }
        return mean * (Math.Clamp(100 - progressPercentage, 0, 90) / 90.0);
    }
}
