using CvTailor.SqliteTransfer.Values;

namespace CvTailor.SqliteTransfer.Schema;

/// <summary>A column of the PostgreSQL schema, as its catalog describes it.</summary>
/// <param name="MaxLength">varchar(n) length in characters.</param>
/// <param name="Precision">numeric(p, s) precision.</param>
/// <param name="Scale">numeric(p, s) scale.</param>
/// <param name="Dimensions">vector(n) dimensions.</param>
public sealed record TargetColumn(
    string Name,
    ValueKind Kind,
    string TypeName,
    int? MaxLength,
    int? Precision,
    int Scale,
    int? Dimensions,
    bool IsNullable,
    bool HasDefault,
    bool IsIdentity);
