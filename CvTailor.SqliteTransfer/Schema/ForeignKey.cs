namespace CvTailor.SqliteTransfer.Schema;

/// <summary>A single-column foreign key constraint of the target schema (the only kind Django creates).</summary>
public sealed record ForeignKey(string Name, string Table, string Column, string ReferencedTable, string ReferencedColumn);
