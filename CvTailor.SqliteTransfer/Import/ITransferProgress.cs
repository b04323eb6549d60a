namespace CvTailor.SqliteTransfer.Import;

/// <summary>Where the per-table progress goes (a Spectre.Console progress bar, plain lines, or nowhere).</summary>
public interface ITransferProgress
{
    ITableProgress StartTable(string table, long totalRows);

    /// <summary>A phase after the tables (sequences, media, verification), for the console.</summary>
    void Phase(string description);
}

public interface ITableProgress
{
    void Advance(long rows);

    void Complete(long rows, TimeSpan elapsed);
}

/// <summary>Progress that goes nowhere (tests, benchmarks).</summary>
public sealed class SilentProgress : ITransferProgress, ITableProgress
{
    public static SilentProgress Instance { get; } = new();

    public ITableProgress StartTable(string table, long totalRows) => this;

    public void Phase(string description)
    {
    }

    public void Advance(long rows)
    {
    }

    public void Complete(long rows, TimeSpan elapsed)
    {
    }
}
