using CvTailor.SqliteTransfer.Cli;
using Spectre.Console;

// Ctrl+C cancels the run; the import's transaction then rolls back and copied media files are removed.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

// Redirected output (logs, CI) has no terminal width; keep report lines whole.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 200;
}

return await SqliteTransferCli.RunAsync(args, AnsiConsole.Console, ct: cancellation.Token);
