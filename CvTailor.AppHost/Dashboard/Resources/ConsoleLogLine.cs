namespace CvTailor.AppHost.Dashboard.Resources;

/// <summary>
/// One line a resource wrote to stdout or stderr. <see cref="Sequence"/> increases per catalog so a live view can
/// ask for what it has not yet seen.
/// </summary>
public sealed record ConsoleLogLine(
    string Resource,
    string ReplicaId,
    long Sequence,
    DateTimeOffset Timestamp,
    string Text,
    bool IsError);
