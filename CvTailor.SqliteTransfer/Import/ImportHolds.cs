using System.Globalization;
using CvTailor.Data.Schema;
using CvTailor.SqliteTransfer.Schema;
using CvTailor.SqliteTransfer.Values;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CvTailor.SqliteTransfer.Import;

/// <summary>
/// The safe first start on imported data. An original database may hold jobs that were queued or running when it was
/// copied (artifact processing with its outbound GitHub checks, generations, exports) and documents/exports already past
/// their expiry (the original never ran its clean-up). Started on the imported data, the services would resume the jobs
/// at once and the retention sweep would delete the expired rows with their files. So by default the import
/// <em>holds</em> both: their status becomes <c>held:&lt;status&gt;</c> (<see cref="ImportHold"/>), which no job claim
/// matches and the sweep skips. <c>resume-jobs</c> / <c>release-expired</c> (or <c>--resume-jobs</c> /
/// <c>--drop-expired</c> at import time) give rows back to the services. Verification and <c>export-sqlite</c> read a
/// held status as the original one, so a hold is never a difference and the original app never sees it.
/// </summary>
public static class ImportHolds
{
    /// <summary>The tables with jobs; <c>Expires</c>: the table also has <c>expires_at</c>, which the sweep acts on.</summary>
    public static readonly IReadOnlyList<(string Table, string Label, bool Expires)> Tables =
    [
        ("artifacts_artifactprocessingjob", "artifact processing", false),
        ("generation_generateddocument", "document generation", true),
        ("export_exportjob", "export", true),
    ];

    /// <summary>Job statuses that mean queued or running in the original app.</summary>
    public static readonly IReadOnlyList<string> QueuedStatuses = ["pending", "processing"];

    const string StatusColumn = "status";

    /// <summary>Counts per table, in the order of <see cref="Tables"/>.</summary>
    public sealed record Survey(DateTime Now, IReadOnlyList<(string Table, long Rows)> QueuedJobs, IReadOnlyList<(string Table, long Rows)> Expired)
    {
        public long TotalQueued => QueuedJobs.Sum(q => q.Rows);

        public long TotalExpired => Expired.Sum(e => e.Rows);
    }

    /// <summary>True for the status column of a table with held rows: read it through <see cref="Original"/>.</summary>
    public static bool IsStatus(string table, string column) => column == StatusColumn && Tables.Any(t => t.Table == table);

    /// <summary>The SQL expression that reads a held status as the original status.</summary>
    public static string OriginalStatusSql =>
        $"CASE WHEN {Sql.Quote(StatusColumn)} LIKE '{ImportHold.StatusPrefix}%' THEN substr({Sql.Quote(StatusColumn)}, {ImportHold.StatusPrefix.Length + 1}) ELSE {Sql.Quote(StatusColumn)} END";

    /// <summary><paramref name="utc"/> to the microsecond, the precision both databases keep.</summary>
    public static DateTime Instant(DateTime utc) => DjangoDateTime.ToUtcDateTime(DjangoDateTime.ToMicros(utc));

    /// <summary>Counts what the source holds: queued or running jobs, and rows already past <c>expires_at</c> at <paramref name="now"/>.</summary>
    public static async Task<Survey> SurveyAsync(SqliteConnection source, IReadOnlySet<string> tables, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(tables);
        var queued = new List<(string, long)>();
        var expired = new List<(string, long)>();
        var nowText = DjangoDateTime.Format(now);
        foreach (var (table, _, expires) in Tables.Where(t => tables.Contains(t.Table)))
        {
            queued.Add((table, await CountAsync(source, $"SELECT count(*) FROM {Sql.Quote(table)} WHERE status IN ({string.Join(", ", QueuedStatuses.Select(Sql.Literal))})", ct)));
            if (expires)
            {
                // Django stored naive UTC text of one format, so text order is time order.
                expired.Add((table, await CountAsync(source, $"SELECT count(*) FROM {Sql.Quote(table)} WHERE expires_at IS NOT NULL AND expires_at < {Sql.Literal(nowText)}", ct)));
            }
        }

        return new Survey(now, queued, expired);
    }

    /// <summary>The lines printed before the import writes anything.</summary>
    public static IEnumerable<string> Describe(Survey survey, bool resumeJobs, bool dropExpired)
    {
        ArgumentNullException.ThrowIfNull(survey);
        yield return $"the source holds {survey.TotalQueued:N0} queued or running jobs ({Counts(survey.QueuedJobs)}): " + (survey.TotalQueued == 0 ? "nothing to hold"
            : resumeJobs ? "--resume-jobs: they stay queued, and the services resume them on their first start"
            : "they will be held (status held:<status>), so the services do not resume them; run resume-jobs to resume them");
        yield return $"the source holds {survey.TotalExpired:N0} documents and exports already past their expiry ({Counts(survey.Expired)}): " + (survey.TotalExpired == 0 ? "nothing to keep"
            : dropExpired ? "--drop-expired: the Api's retention sweep deletes them, with their export files, on its first run"
            : "they will be kept (held from the retention sweep); run release-expired to let the sweep delete them");
    }

    static string Counts(IEnumerable<(string Table, long Rows)> counts) =>
        string.Join(", ", counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{Tables.First(t => t.Table == c.Table).Label} {c.Rows:N0}")));

    /// <summary>
    /// The hold as the import writes it: for a table with jobs, a change to each row's values before they are encoded for
    /// COPY — the status becomes <c>held:&lt;status&gt;</c> when the job is queued or running (unless
    /// <paramref name="resumeJobs"/>) or the row is past <c>expires_at</c> at <paramref name="now"/> (unless
    /// <paramref name="dropExpired"/>). Rows arrive held instead of being updated after the load (three UPDATEs that
    /// rewrote every held row and its index entries). The row's checksum is taken before, from the original status, as
    /// verification reads a held status. Null for a table without holds.
    /// </summary>
    public static Action<object?[]>? InCopy(TablePlan plan, bool resumeJobs, bool dropExpired, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var entry = Tables.FirstOrDefault(t => t.Table == plan.Name);
        var status = IndexOf(plan, StatusColumn);
        if (entry.Table is null || status < 0)
        {
            return null;
        }

        var expiresAt = entry.Expires ? IndexOf(plan, "expires_at") : -1;
        var holdQueued = !resumeJobs;
        var holdExpired = expiresAt >= 0 && !dropExpired;
        if (!holdQueued && !holdExpired)
        {
            return null;
        }

        return values =>
        {
            // As `status IN ('pending', 'processing') OR expires_at < @now` would select them: NULLs never match.
            if (values[status] is string current
                && ((holdQueued && QueuedStatuses.Contains(current)) || (holdExpired && values[expiresAt] is DateTime expires && expires < now)))
            {
                values[status] = ImportHold.StatusPrefix + current;
            }
        };
    }

    static int IndexOf(TablePlan plan, string column)
    {
        for (var i = 0; i < plan.Columns.Count; i++)
        {
            if (plan.Columns[i].Name == column)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary><c>resume-jobs</c>: held jobs (not past their expiry) get their original status back.</summary>
    public static Task<List<(string Table, long Rows)>> ResumeJobsAsync(NpgsqlConnection target, CancellationToken ct) =>
        ReleaseAsync(target, expires => $"status IN ({string.Join(", ", QueuedStatuses.Select(s => Sql.Literal(ImportHold.StatusPrefix + s)))})" +
            (expires ? " AND (expires_at IS NULL OR expires_at >= @now)" : ""), expiringOnly: false, ct);

    /// <summary><c>release-expired</c>: held rows past their expiry get their original status back; the sweep then deletes them.</summary>
    public static Task<List<(string Table, long Rows)>> ReleaseExpiredAsync(NpgsqlConnection target, CancellationToken ct) =>
        ReleaseAsync(target, _ => $"status LIKE '{ImportHold.StatusPrefix}%' AND expires_at < @now", expiringOnly: true, ct);

    static async Task<List<(string Table, long Rows)>> ReleaseAsync(NpgsqlConnection target, Func<bool, string> where, bool expiringOnly, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var released = new List<(string, long)>();
        var now = DateTime.UtcNow;
        await using var transaction = await target.BeginTransactionAsync(ct);
        foreach (var (table, _, expires) in Tables.Where(t => t.Expires || !expiringOnly))
        {
            released.Add((table, await ExecuteAsync(target, transaction,
                $"UPDATE {Sql.Quote(table)} SET status = substr(status, {ImportHold.StatusPrefix.Length + 1}) WHERE {where(expires)}", now, ct)));
        }

        await transaction.CommitAsync(ct);
        return released;
    }

    static async Task<long> CountAsync(SqliteConnection source, string sql, CancellationToken ct)
    {
        await using var command = source.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    static async Task<int> ExecuteAsync(NpgsqlConnection target, NpgsqlTransaction transaction, string sql, DateTime now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, target, transaction);
        if (sql.Contains("@now", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("now", now);
        }

        return await command.ExecuteNonQueryAsync(ct);
    }
}
