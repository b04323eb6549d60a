using CvTailor.Migrator.Cli;
using Spectre.Console;

// Ctrl+C cancels the run; the import's transaction then rolls back and copied media files are removed.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await MigratorCli.RunAsync(args, AnsiConsole.Console, ct: cancellation.Token);
