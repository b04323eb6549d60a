using CvTailor.Data.Queue;
using Npgsql;

namespace CvTailor.Embeddings.Worker;

/// <summary>
/// The consumer side of <c>embedding_jobs</c>: claims with <c>FOR UPDATE SKIP LOCKED</c> under a lease, renews and
/// releases leases, schedules retries and dead-letters. Every change to a claimed job is conditional on
/// <c>locked_by</c>, so a worker that lost its lease (it stalled and another reclaimed the job) changes nothing.
/// </summary>
public sealed class JobStore(NpgsqlDataSource dataSource)
{
    const string Columns = "id, user_id, artifact_id, kind, attempts, max_attempts, created_at";

    public async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(string worker, int count, TimeSpan lease, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE {EmbeddingJobConfiguration.Table}
               SET status = 'running', attempts = attempts + 1, locked_by = $1,
                   locked_until = now() + $2, updated_at = now()
             WHERE id IN (SELECT id FROM {EmbeddingJobConfiguration.Table}
                           WHERE status = 'pending' AND available_at <= now()
                           ORDER BY available_at, id
                           LIMIT $3
                           FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue(worker);
        command.Parameters.AddWithValue(lease);
        command.Parameters.AddWithValue(count);
        var jobs = new List<ClaimedJob>(count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            jobs.Add(new ClaimedJob(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3),
                reader.GetInt32(4), reader.GetInt32(5), reader.GetDateTime(6)));
        }
        return jobs;
    }

    /// <summary>
    /// Returns jobs whose worker died (lease expired) to the queue, or dead-letters them when they have used all
    /// their attempts (a job that keeps killing its worker must not loop forever). Returns how many were reclaimed.
    /// </summary>
    public async Task<int> ReclaimExpiredAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE {EmbeddingJobConfiguration.Table}
               SET status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'pending' END,
                   last_error = 'lease of ' || coalesce(locked_by, '?') || ' expired (attempt ' || attempts || ')',
                   locked_by = NULL, locked_until = NULL, available_at = now(), updated_at = now()
             WHERE id IN (SELECT id FROM {EmbeddingJobConfiguration.Table}
                           WHERE status = 'running' AND locked_until < now()
                           FOR UPDATE SKIP LOCKED)
            """);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<bool> RenewAsync(long jobId, string worker, TimeSpan lease, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE {EmbeddingJobConfiguration.Table} SET locked_until = now() + $3, updated_at = now()
             WHERE id = $1 AND locked_by = $2 AND status = 'running'
            """);
        command.Parameters.AddWithValue(jobId);
        command.Parameters.AddWithValue(worker);
        command.Parameters.AddWithValue(lease);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Gives a job back without spending an attempt (its artifact is being embedded by another job).</summary>
    public async Task ReleaseAsync(long jobId, string worker, TimeSpan delay, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE {EmbeddingJobConfiguration.Table}
               SET status = 'pending', attempts = greatest(attempts - 1, 0), locked_by = NULL, locked_until = NULL,
                   available_at = now() + $3, updated_at = now()
             WHERE id = $1 AND locked_by = $2 AND status = 'running'
            """);
        command.Parameters.AddWithValue(jobId);
        command.Parameters.AddWithValue(worker);
        command.Parameters.AddWithValue(delay);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Schedules a retry after <paramref name="backoff"/>, or dead-letters after the last attempt, or at once when
    /// <paramref name="permanent"/> (retrying cannot help, e.g. a file over an extraction limit). Returns the new status.
    /// </summary>
    public async Task<string?> FailAsync(ClaimedJob job, string worker, string error, TimeSpan backoff, CancellationToken ct, bool permanent = false)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var command = dataSource.CreateCommand($"""
            UPDATE {EmbeddingJobConfiguration.Table}
               SET status = CASE WHEN $5 OR attempts >= max_attempts THEN 'dead' ELSE 'pending' END,
                   last_error = $3, locked_by = NULL, locked_until = NULL,
                   available_at = now() + $4, updated_at = now()
             WHERE id = $1 AND locked_by = $2 AND status = 'running'
            RETURNING status
            """);
        command.Parameters.AddWithValue(job.Id);
        command.Parameters.AddWithValue(worker);
        command.Parameters.AddWithValue(error.Length > 4000 ? error[..4000] : error);
        command.Parameters.AddWithValue(backoff);
        command.Parameters.AddWithValue(permanent);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>Counts of pending, running and dead jobs, for the queue-depth gauge.</summary>
    public async Task<IReadOnlyDictionary<string, long>> DepthAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT status, count(*) FROM {EmbeddingJobConfiguration.Table}
             WHERE status IN ('pending', 'running', 'dead') GROUP BY status
            """);
        var depth = new Dictionary<string, long>
        {
            [EmbeddingJobStatuses.Pending] = 0,
            [EmbeddingJobStatuses.Running] = 0,
            [EmbeddingJobStatuses.Dead] = 0,
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            depth[reader.GetString(0)] = reader.GetInt64(1);
        }
        return depth;
    }
}
