using CvTailor.SqliteTransfer.Import;
using Spectre.Console;

namespace CvTailor.SqliteTransfer.Cli;

/// <summary>Prints an import/verify/export result: notes, skipped rows, the verification report, the verdict.</summary>
public static class ReportPrinter
{
    const int MaxSkippedShown = 20;

    public static void Print(IAnsiConsole console, ImportResult result, string action)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var note in result.Notes)
        {
            console.MarkupLine($"[grey]note:[/] {Markup.Escape(note)}");
        }

        if (result.Skipped.Count > 0)
        {
            console.MarkupLine($"[yellow]{result.Skipped.Count} rows skipped (reported, not lost silently):[/]");
            foreach (var row in result.Skipped.Take(MaxSkippedShown))
            {
                console.MarkupLine($"  [yellow]{Markup.Escape(row.Table)}[/] {Markup.Escape(row.Key)}: {Markup.Escape(row.Reason)}");
            }

            if (result.Skipped.Count > MaxSkippedShown)
            {
                console.MarkupLine($"  … and {result.Skipped.Count - MaxSkippedShown} more");
            }
        }

        if (result.EmbeddingJobs > 0)
        {
            console.MarkupLine($"queued {result.EmbeddingJobs} re-embedding jobs for artifacts whose vectors did not come along");
        }

        if (result.Report is { } report)
        {
            var tables = new Table().Border(TableBorder.Simple).Title("verification")
                .AddColumns("table", "SQLite rows", "skipped", "PostgreSQL rows", "checksum (SQLite)", "checksum (PostgreSQL)", "");
            foreach (var t in report.Tables)
            {
                tables.AddRow(
                    Markup.Escape(t.Table), $"{t.SourceRows:N0}", t.Skipped == 0 ? "" : $"[yellow]{t.Skipped:N0}[/]", $"{t.TargetRows:N0}",
                    t.SourceChecksum[..16], t.TargetChecksum[..16], t.Ok ? "[green]ok[/]" : "[red]DIFFERS[/]");
            }

            console.Write(tables);
            var fkBad = report.ForeignKeys.Count(f => !f.Ok);
            console.MarkupLine($"foreign keys: {report.ForeignKeys.Count} checked, " + (fkBad == 0 ? "[green]no orphan rows[/]" : $"[red]{fkBad} with orphan rows[/]"));
            var seqBad = report.Sequences.Count(s => !s.Ok);
            console.MarkupLine($"identities: {report.Sequences.Count} checked, " + (seqBad == 0 ? "[green]all at or past the source's high-water mark[/]" : $"[red]{seqBad} behind[/]"));
            if (report.Media is { Compared: false } planned)
            {
                console.MarkupLine($"media: {planned.Files:N0} files, {planned.Bytes:N0} bytes would be copied; none conflicts with a file in the storage root " +
                    "(dry run: nothing copied, so nothing compared)");
            }
            else if (report.Media is { } media)
            {
                console.MarkupLine($"media: {media.Files:N0} files, {media.Bytes:N0} bytes, " +
                    (media.Ok ? "[green]all present and identical[/]" : $"[red]{media.Missing.Count} missing, {media.Different.Count} different[/]"));
            }

            foreach (var path in report.Media?.ReferencedButAbsent.Take(MaxSkippedShown) ?? [])
            {
                console.MarkupLine($"  [yellow]referenced by the database but absent from the media directory:[/] {Markup.Escape(path)}");
            }
        }

        foreach (var message in result.Messages)
        {
            console.MarkupLine($"[red]{Markup.Escape(message)}[/]");
        }

        if (result.Phases.Count > 0)
        {
            console.MarkupLine("[grey]time: " + Markup.Escape(string.Join(", ", result.Phases.Select(p =>
                $"{p.Phase} {p.Elapsed.TotalSeconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)} s"))) + "[/]");
        }

        var verdict = result.Outcome switch
        {
            ImportOutcome.Imported => $"[green]{action} complete[/]",
            ImportOutcome.DryRun => "[green]dry run complete: every row loaded and verified in a transaction that was then rolled back; nothing written, no media copied[/]",
            ImportOutcome.Refused => "[red]refused[/]",
            ImportOutcome.InvalidSource => "[red]stopped before writing anything[/]",
            _ => "[red]verification failed[/]",
        };
        console.MarkupLine($"{verdict} in {result.TotalTime.TotalSeconds:F2} s (exit code {result.ExitCode})");
    }
}
