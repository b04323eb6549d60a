namespace CvTailor.SqliteTransfer.Export;

/// <summary>What <c>export-sqlite</c> does.</summary>
public sealed record ExportOptions
{
    public required string OutputPath { get; init; }

    public required string SourceConnectionString { get; init; }

    /// <summary>Replace an existing file.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Compare the written file with the database afterwards (on by default).</summary>
    public bool Verify { get; init; } = true;
}
