namespace CvTailor.SqliteTransfer.Values;

/// <summary>The PostgreSQL column types of the original schema (contract §1.6), as the importer and exporter handle them.</summary>
public enum ValueKind
{
    SmallInteger,
    RegularInteger,
    BigInteger,
    Boolean,
    Text,
    Uuid,
    TimestampTz,
    Date,
    Numeric,
    Float8,
    Json,
    Vector,
    Inet,
}
