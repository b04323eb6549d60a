using CvTailor.Data;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Artifacts;

/// <summary>What a unit of work decided: commit (and answer with the value) or roll back (and answer with it).</summary>
public readonly record struct TransactionOutcome<T>(bool Commit, T Value);

public static class TransactionOutcome
{
    public static TransactionOutcome<T> Committed<T>(T value) => new(true, value);
    public static TransactionOutcome<T> RolledBack<T>(T value) => new(false, value);
}

/// <summary>
/// Runs a write in one database transaction inside the context's execution strategy (the registration retries
/// transient failures, which requires user transactions to run through it). The work may call SaveChanges several
/// times (e.g. to learn a new artifact's id before enqueueing its embedding job); nothing is visible until commit.
/// </summary>
public static class ArtifactTransaction
{
    public static Task<T> RunAsync<T>(
        CvTailorDbContext db, Func<CancellationToken, Task<TransactionOutcome<T>>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async () =>
        {
            // A retry starts over: forget entities tracked by the failed attempt.
            db.ChangeTracker.Clear();
            // The whole transaction commits or rolls back; per-SaveChanges savepoints would only add round trips.
            var savepoints = db.Database.AutoSavepointsEnabled;
            db.Database.AutoSavepointsEnabled = false;
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var outcome = await work(ct);
                if (outcome.Commit)
                {
                    await transaction.CommitAsync(ct);
                }
                else
                {
                    await transaction.RollbackAsync(ct);
                }
                db.ChangeTracker.Clear();
                return outcome.Value;
            }
            finally
            {
                db.Database.AutoSavepointsEnabled = savepoints;
            }
        });
    }
}
