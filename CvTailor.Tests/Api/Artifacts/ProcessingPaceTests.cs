using CvTailor.Api.Artifacts.Processing;
using CvTailor.Api.HttpPipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CvTailor.Tests.Api.Artifacts;

/// <summary>R8's hint of when to ask again: the queue position, the estimate and the headers.</summary>
public sealed class ProcessingPaceTests
{
    [Fact]
    public async Task The_channel_counts_the_ids_waiting_ahead_until_the_worker_takes_them()
    {
        var channel = new ArtifactProcessingChannel();
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var id in ids)
        {
            channel.Enqueue(id);
        }
        channel.Enqueue(ids[0]); // queued again (a sweep): keeps its place
        Assert.Equal([0, 1, 2, 3, 4], ids.Select(id => channel.Ahead(id)!.Value));
        Assert.Null(channel.Ahead(Guid.NewGuid()));

        await using var reader = channel.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync());
        Assert.Equal(ids[0], reader.Current);
        Assert.True(await reader.MoveNextAsync());
        Assert.Null(channel.Ahead(ids[0]));
        Assert.Null(channel.Ahead(ids[1]));
        Assert.Equal(0, channel.Ahead(ids[2]));
        Assert.Equal(2, channel.Ahead(ids[4]));
    }

    [Fact]
    public void A_pending_job_waits_for_those_ahead_spread_over_the_slots_and_a_running_one_for_what_its_progress_left()
    {
        var channel = new ArtifactProcessingChannel();
        var pace = new ProcessingPace(channel, Options.Create(new EvidenceOptions { Concurrency = 2 }));
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var id in ids)
        {
            channel.Enqueue(id);
        }
        var mean = ProcessingPace.InitialMean;
        Assert.Equal(mean, pace.Remaining(ids[0], ArtifactProcessingStatuses.Pending, 0));
        Assert.Equal(mean * 3, pace.Remaining(ids[4], ArtifactProcessingStatuses.Pending, 0)); // 4 ahead, 2 at once
        Assert.Equal(mean, pace.Remaining(Guid.NewGuid(), ArtifactProcessingStatuses.Pending, 0)); // queued elsewhere
        Assert.Equal(mean, pace.Remaining(ids[0], ArtifactProcessingStatuses.Processing, 10));
        Assert.Equal(mean / 2, pace.Remaining(ids[0], ArtifactProcessingStatuses.Processing, 55));
        Assert.Equal(TimeSpan.Zero, pace.Remaining(ids[0], ArtifactProcessingStatuses.Processing, 100));

        pace.Finished(mean + TimeSpan.FromMilliseconds(800));
        Assert.Equal(mean + TimeSpan.FromMilliseconds(100), pace.Mean);
    }

    [Theory]
    [InlineData(80, "80", null)]
    [InlineData(5, "20", null)] // never sooner than 20 ms
    [InlineData(1400, "1400", "1")]
    [InlineData(2600, "2600", "3")]
    [InlineData(60_000, "5000", "5")] // never later than 5 s
    public void The_hint_is_in_milliseconds_and_in_whole_seconds_from_one_second(int milliseconds, string expectedMs, string? expectedSeconds)
    {
        var context = new DefaultHttpContext();
        RetryHint.Set(context.Response, TimeSpan.FromMilliseconds(milliseconds));
        Assert.Equal(expectedMs, context.Response.Headers[RetryHint.MillisecondsHeader].ToString());
        Assert.Equal(expectedSeconds, context.Response.Headers.RetryAfter.Count == 0 ? null : context.Response.Headers.RetryAfter.ToString());
    }
}
