using System.Diagnostics;
using CvTailor.Api.Auth.Passwords;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CvTailor.Tests.Api.Auth;

/// <summary>Password hashes wait for a slot: more requests at once queue instead of running more PBKDF2 at once.</summary>
public sealed class PasswordSlotsTests
{
    [Fact]
    public async Task Hashes_beyond_the_slots_wait_their_turn_and_all_complete()
    {
        using var passwords = new PasswordService(Options.Create(new PasswordOptions { Iterations = 20_000, MaxConcurrentHashes = 1 }));
        var stored = await passwords.HashAsync("Correct-horse-1", CancellationToken.None);

        // The hash spans of this test's own trace (other tests may hash at the same time): how many run at once.
        using var test = new Activity("test-password-slots").Start();
        var trace = test.TraceId;
        var running = 0;
        var most = 0;
        var spans = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == CvTailorTelemetry.Api,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = a =>
            {
                if (a.OperationName == TelemetryNames.Spans.PasswordHash && a.TraceId == trace)
                {
                    var now = Interlocked.Increment(ref running);
                    InterlockedMax(ref most, now);
                    Interlocked.Increment(ref spans);
                }
            },
            ActivityStopped = a =>
            {
                if (a.OperationName == TelemetryNames.Spans.PasswordHash && a.TraceId == trace)
                {
                    Interlocked.Decrement(ref running);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var checks = Enumerable.Range(0, 6).Select(i => Task.Run(() => i % 2 == 0
            ? passwords.VerifyAsync(stored, "Correct-horse-1", CancellationToken.None)
            : passwords.VerifyAsync(stored, "Wrong-horse-1", CancellationToken.None))).ToArray();
        var decoys = Enumerable.Range(0, 2).Select(_ => Task.Run(() => passwords.VerifyDecoyAsync("Any-horse-1", CancellationToken.None)));
        await Task.WhenAll(decoys.Append(Task.WhenAll(checks)));

        Assert.Equal([PasswordCheck.Success, PasswordCheck.Failed, PasswordCheck.Success, PasswordCheck.Failed, PasswordCheck.Success, PasswordCheck.Failed],
            checks.Select(c => c.Result));
        Assert.Equal(8, spans);
        Assert.Equal(1, most);
    }

    [Fact]
    public async Task A_request_that_ends_while_waiting_leaves_the_queue()
    {
        using var passwords = new PasswordService(Options.Create(new PasswordOptions { Iterations = 1_000, MaxConcurrentHashes = 1 }));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => passwords.HashAsync("Correct-horse-1", cancelled.Token));
        // The slot is still free for the next one.
        Assert.NotEmpty(await passwords.HashAsync("Correct-horse-1", CancellationToken.None));
    }

    static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
