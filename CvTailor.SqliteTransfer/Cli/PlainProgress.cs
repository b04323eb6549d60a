using System.Globalization;
using CvTailor.SqliteTransfer.Import;
using Spectre.Console;

namespace CvTailor.SqliteTransfer.Cli;

/// <summary>One line per finished table (logs, CI, redirected output).</summary>
public sealed class PlainProgress(IAnsiConsole console) : ITransferProgress
{
    public ITableProgress StartTable(string table, long totalRows) => new Line(console, table);

    public void Phase(string description) => console.WriteLine($"  {description}…");

    sealed class Line(IAnsiConsole console, string table) : ITableProgress
    {
        public void Advance(long rows)
        {
        }

        public void Complete(long rows, TimeSpan elapsed)
        {
            var rate = elapsed.TotalSeconds > 0 ? rows / elapsed.TotalSeconds : 0;
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {table,-34} {rows,10:N0} rows {elapsed.TotalSeconds,8:F2} s {rate,12:N0} rows/s"));
        }
    }
}
