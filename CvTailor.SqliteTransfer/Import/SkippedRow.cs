namespace CvTailor.SqliteTransfer.Import;

/// <summary>A source row left out on purpose (never silently): its table, primary key and why.</summary>
public sealed record SkippedRow(string Table, string Key, string Reason);
