namespace CvTailor.Data.Schema;

/// <summary>PostgreSQL column types Django's field types map to (contract §1.6), named once.</summary>
public static class PgTypes
{
    /// <summary>Django <c>JSONField</c>. Mapped to <c>string</c> so values pass through byte-for-byte from the API and the importer.</summary>
    public const string Json = "jsonb";

    /// <summary>pgvector column of the original's fixed width; smaller models are stored zero-padded.</summary>
    public const string Vector = "vector(1536)";

    /// <summary>Width of every vector column.</summary>
    public const int VectorDimensions = 1536;

    /// <summary>Operator class Django adds for <c>LIKE 'x%'</c> on indexed varchar columns.</summary>
    public const string VarcharPatternOps = "varchar_pattern_ops";
}
