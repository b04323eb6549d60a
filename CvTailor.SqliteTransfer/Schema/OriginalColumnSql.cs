using CvTailor.Data.Llm;
using CvTailor.Data.Schema;
using CvTailor.SqliteTransfer.Import;

namespace CvTailor.SqliteTransfer.Schema;

/// <summary>
/// How the export and the verification read a target column as the original stored it: a status the importer held
/// (<see cref="ImportHolds"/>), a chunk vector kept at its own width (<see cref="VectorStorage"/>: the original's
/// <c>vector(1536)</c>, zero-padded), any other column as it is.
/// </summary>
public static class OriginalColumnSql
{
    public static string For(string table, string column) =>
        ImportHolds.IsStatus(table, column) ? ImportHolds.OriginalStatusSql
        : table == ArtifactChunkConfiguration.Table && column == VectorStorage.ChunkWideColumn ? VectorStorage.ChunkOriginalVectorSql
        : Sql.Quote(column);
}
