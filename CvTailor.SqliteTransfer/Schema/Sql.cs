namespace CvTailor.SqliteTransfer.Schema;

/// <summary>Identifier and literal quoting shared by the SQLite and PostgreSQL statements the importer and exporter build.</summary>
public static class Sql
{
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string ColumnList(IEnumerable<string> columns) => string.Join(", ", columns.Select(Quote));
}
