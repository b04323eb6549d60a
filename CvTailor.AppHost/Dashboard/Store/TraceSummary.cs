namespace CvTailor.AppHost.Dashboard.Store;

/// <summary>One row of the trace list: the root span's name, the whole trace's extent and the services involved.</summary>
public sealed record TraceSummary(
    string TraceId,
    string RootName,
    string RootService,
    DateTime Start,
    TimeSpan Duration,
    int SpanCount,
    IReadOnlyList<string> Services,
    bool HasError);
