using CvTailor.AppHost.Dashboard.Otlp.Proto.Collector.Logs.V1;
using CvTailor.AppHost.Dashboard.Otlp.Proto.Collector.Metrics.V1;
using CvTailor.AppHost.Dashboard.Otlp.Proto.Collector.Trace.V1;
using CvTailor.AppHost.Dashboard.Store;
using Grpc.Core;

namespace CvTailor.AppHost.Dashboard.Otlp;

/// <summary>OTLP/gRPC trace collector: hands each export to the store and reports rejected spans.</summary>
public sealed class OtlpTraceGrpcService(TelemetryStore store) : TraceService.TraceServiceBase
{
    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context) =>
        Task.FromResult(OtlpResponses.ForTraces(store.AddTraces(request)));
}

/// <summary>OTLP/gRPC metrics collector.</summary>
public sealed class OtlpMetricsGrpcService(TelemetryStore store) : MetricsService.MetricsServiceBase
{
    public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context) =>
        Task.FromResult(OtlpResponses.ForMetrics(store.AddMetrics(request)));
}

/// <summary>OTLP/gRPC logs collector.</summary>
public sealed class OtlpLogsGrpcService(TelemetryStore store) : LogsService.LogsServiceBase
{
    public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context) =>
        Task.FromResult(OtlpResponses.ForLogs(store.AddLogs(request)));
}
