using CvTailor.AppHost.Dashboard.Otlp.Proto.Collector.Logs.V1;
using CvTailor.AppHost.Dashboard.Otlp.Proto.Collector.Metrics.V1;
using CvTailor.AppHost.Dashboard.Otlp.Proto.Collector.Trace.V1;
using CvTailor.AppHost.Dashboard.Store;

namespace CvTailor.AppHost.Dashboard.Otlp;

/// <summary>
/// Export responses per the OTLP spec: <c>partial_success</c> is left unset when everything was accepted and
/// carries the rejected count and a reason otherwise.
/// </summary>
public static class OtlpResponses
{
    public static ExportTraceServiceResponse ForTraces(IngestResult result) => result.Rejected == 0 ? new()
        : new() { PartialSuccess = new() { RejectedSpans = result.Rejected, ErrorMessage = result.ErrorMessage ?? "" } };

    public static ExportMetricsServiceResponse ForMetrics(IngestResult result) => result.Rejected == 0 ? new()
        : new() { PartialSuccess = new() { RejectedDataPoints = result.Rejected, ErrorMessage = result.ErrorMessage ?? "" } };

    public static ExportLogsServiceResponse ForLogs(IngestResult result) => result.Rejected == 0 ? new()
        : new() { PartialSuccess = new() { RejectedLogRecords = result.Rejected, ErrorMessage = result.ErrorMessage ?? "" } };
}
