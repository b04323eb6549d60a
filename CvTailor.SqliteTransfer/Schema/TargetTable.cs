namespace CvTailor.SqliteTransfer.Schema;

/// <summary>A table of the PostgreSQL schema with its columns (in physical order), primary key and foreign keys.</summary>
public sealed record TargetTable(
    string Name,
    IReadOnlyList<TargetColumn> Columns,
    string? PrimaryKey,
    IReadOnlyList<ForeignKey> ForeignKeys)
{
    public TargetColumn? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);

    public TargetColumn? Identity => Columns.FirstOrDefault(c => c.IsIdentity);
}
