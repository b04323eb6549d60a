namespace CvTailor.Tests.SqliteTransfer;

/// <summary>
/// Tests that run the SQLite import/export command line, one at a time: a run's spans and row counter are process-wide, so a
/// telemetry test must not see another test's import.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SqliteTransferCliGroup
{
    public const string Name = "SQLite import/export command line";
}
