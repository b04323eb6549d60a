using CvTailor.SqliteTransfer.Import;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CvTailor.SqliteTransfer.Cli;

/// <summary>A progress bar per table with rows done and rows/s (interactive terminals).</summary>
public sealed class SpectreProgress(ProgressContext context) : ITransferProgress
{
    ProgressTask? _phase;

    public static ProgressColumn[] Columns =>
    [
        new TaskDescriptionColumn { Alignment = Justify.Left },
        new ProgressBarColumn(),
        new PercentageColumn(),
        new RowsColumn(),
        new RowsPerSecondColumn(),
        new ElapsedTimeColumn(),
    ];

    public ITableProgress StartTable(string table, long totalRows)
    {
        _phase?.StopTask();
        // Spectre needs a positive maximum; the row columns show the real numbers from the task's state.
        var task = context.AddTask(table, autoStart: true, maxValue: Math.Max(totalRows, 1));
        task.State.Update<long>(TotalKey, _ => totalRows);
        return new Bar(task);
    }

    public void Phase(string description)
    {
        _phase?.StopTask();
        _phase = context.AddTask($"[grey]{Markup.Escape(description)}[/]", autoStart: true, maxValue: 1);
        _phase.IsIndeterminate = true;
    }

    const string RowsKey = "rows";
    const string TotalKey = "total";

    sealed class Bar(ProgressTask task) : ITableProgress
    {
        public void Advance(long rows)
        {
            task.State.Update<long>(RowsKey, r => r + rows);
            task.Increment(rows);
        }

        public void Complete(long rows, TimeSpan elapsed)
        {
            task.State.Update<long>(RowsKey, _ => rows);
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }

    sealed class RowsColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.IsIndeterminate ? "" : $"{task.State.Get<long>(RowsKey):N0}/{task.State.Get<long>(TotalKey):N0} rows", new Style(Color.Grey));
    }

    sealed class RowsPerSecondColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            var elapsed = task.ElapsedTime?.TotalSeconds ?? 0;
            var rows = task.State.Get<long>(RowsKey);
            // Rates of tiny tables measure timer resolution, not throughput.
            return new Text(task.IsIndeterminate || elapsed < 0.05 || rows == 0 ? "" : $"{rows / elapsed:N0} rows/s", new Style(Color.Aqua));
        }
    }
}
