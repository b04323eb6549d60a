namespace CvTailor.SqliteTransfer.Schema;

/// <summary>How one table moves: the columns both sides have (target order), its key and the parents it references.</summary>
public sealed record TablePlan(
    string Name,
    TargetTable Target,
    IReadOnlyList<TargetColumn> Columns,
    int PrimaryKeyIndex,
    IReadOnlyList<TableReference> References,
    long SourceRows,
    long? SourceSequence)
{
    public TargetColumn? Identity => Target.Identity is { } identity && Columns.Contains(identity) ? identity : null;
}

/// <summary>A foreign key column (by index in <see cref="TablePlan.Columns"/>) and the table it points to.</summary>
public sealed record TableReference(int ColumnIndex, string Column, string ReferencedTable, string ReferencedColumn);
