using System.Diagnostics;
using CvTailor.SqliteTransfer.Import;
using Microsoft.Extensions.Hosting;

namespace CvTailor.SqliteTransfer.Telemetry;

/// <summary>
/// Turns the progress callbacks the importer and exporter already make into spans: one table span per loaded table,
/// one span per media/verification phase, all children of the run span. Row counts go to the rows counter when a
/// run commits: a failed, refused or dry run counts nothing, because its rows were rolled back.
/// </summary>
public sealed class TracingProgress(Activity? run, TransferKind kind) : ITransferProgress
{
    const string VerificationPhase = "verification";
    ITransferProgress inner = SilentProgress.Instance;
    Activity? phase;
    bool verifying;
    readonly List<Activity> openTables = [];
    readonly List<(string Table, long Rows)> loaded = [];

    /// <summary>Passes every callback on to <paramref name="next"/> (the console's progress).</summary>
    public ITransferProgress Over(ITransferProgress next)
    {
        inner = next;
        return this;
    }

    public ITableProgress StartTable(string table, long totalRows)
    {
        var bar = inner.StartTable(table, totalRows);
        // Verification reads every table again; those reads belong to the verify span, not to the load.
        if (verifying || !kind.CountsRows)
        {
            return bar;
        }

        EndPhase();
        var activity = TransferTelemetry.Source.StartActivity(kind.TableSpan, ActivityKind.Internal, run?.Context ?? default);
        if (activity is null)
        {
            return new TableSpan(bar, null, table, this);
        }

        activity.SetTag(TelemetryNames.Attributes.ImportTable, table);
        activity.SetTag(TelemetryNames.Attributes.SourceRows, totalRows);
        openTables.Add(activity);
        return new TableSpan(bar, activity, table, this);
    }

    public void Phase(string description)
    {
        inner.Phase(description);
        EndPhase();
        verifying = description == VerificationPhase;
        var name = verifying ? (kind == TransferKind.Export ? TelemetryNames.Spans.ExportSqliteVerify : TelemetryNames.Spans.ImportVerify)
            : description.StartsWith("media", StringComparison.Ordinal) ? TelemetryNames.Spans.ImportMedia
            : null;
        if (name is not null)
        {
            // Not made current: the caller's flow outlives this span, and later spans must not hang under a stopped one.
            var current = Activity.Current;
            phase = TransferTelemetry.Source.StartActivity(name, ActivityKind.Internal, run?.Context ?? default);
            Activity.Current = current;
        }
    }

    /// <summary>Ends what the run left open; a table still open when the run failed is where it failed.</summary>
    public void Finish(Exception? error, bool committed)
    {
        if (committed)
        {
            var counter = kind == TransferKind.Export ? TransferTelemetry.ExportedRows : TransferTelemetry.ImportedRows;
            foreach (var (table, rows) in loaded)
            {
                counter.Add(rows, new KeyValuePair<string, object?>(TelemetryNames.Attributes.ImportTable, table));
            }
        }

        foreach (var table in openTables.ToList())
        {
            table.SetStatus(ActivityStatusCode.Error, error?.Message ?? "not completed");
            table.Stop();
        }

        openTables.Clear();
        if (error is not null)
        {
            phase?.SetStatus(ActivityStatusCode.Error, error.Message);
        }

        EndPhase();
    }

    void EndPhase()
    {
        phase?.Stop();
        phase = null;
    }

    sealed class TableSpan(ITableProgress bar, Activity? activity, string table, TracingProgress owner) : ITableProgress
    {
        public void Advance(long rows) => bar.Advance(rows);

        public void Complete(long rows, TimeSpan elapsed)
        {
            bar.Complete(rows, elapsed);
            owner.loaded.Add((table, rows));
            if (activity is not null)
            {
                activity.SetTag(TelemetryNames.Attributes.TableRows, rows);
                activity.Stop();
                owner.openTables.Remove(activity);
            }
        }
    }
}
