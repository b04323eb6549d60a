namespace CvTailor.SqliteTransfer.Import;

/// <summary>A source value that cannot move unchanged; names the table, row key and column so it can be fixed.</summary>
public sealed class SourceDataException(string table, string key, string column, string problem)
    : Exception($"{table} row {key}, column {column}: {problem}")
{
    public string Table { get; } = table;
    public string Key { get; } = key;
    public string Column { get; } = column;
}
