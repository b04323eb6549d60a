namespace CvTailor.Tests.Migration;

/// <summary>
/// Tests that run the Migrator's command line, one at a time: a run's spans and row counter are process-wide, so a
/// telemetry test must not see another test's import.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MigratorCliGroup
{
    public const string Name = "Migrator command line";
}
