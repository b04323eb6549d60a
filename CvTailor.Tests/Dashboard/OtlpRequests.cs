using CvTailor.AppHost.Dashboard.Otlp.Proto.Collector.Logs.V1;
using CvTailor.AppHost.Dashboard.Otlp.Proto.Collector.Metrics.V1;
using CvTailor.AppHost.Dashboard.Otlp.Proto.Collector.Trace.V1;
using CvTailor.AppHost.Dashboard.Otlp.Proto.Common.V1;
using CvTailor.AppHost.Dashboard.Otlp.Proto.Logs.V1;
using CvTailor.AppHost.Dashboard.Otlp.Proto.Metrics.V1;
using CvTailor.AppHost.Dashboard.Otlp.Proto.Resource.V1;
using CvTailor.AppHost.Dashboard.Otlp.Proto.Trace.V1;
using Google.Protobuf;

namespace CvTailor.Tests.Dashboard;

/// <summary>Builds OTLP export requests by hand, for tests that need exact control over the bytes.</summary>
public static class OtlpRequests
{
    public static Resource Resource(string serviceName, string instanceId = "") => new()
    {
        Attributes =
        {
            new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = serviceName } },
            new KeyValue { Key = "service.instance.id", Value = new AnyValue { StringValue = instanceId } },
        },
    };

    public static ExportTraceServiceRequest Traces(string serviceName, int spanCount, int attributeBytes = 16, string instanceId = "i-1", int traceEvery = 1)
    {
        var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "test" } };
        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var payload = new string('x', attributeBytes);
        var traceId = RandomId(16);
        for (var i = 0; i < spanCount; i++)
        {
            if (i % traceEvery == 0)
            {
                traceId = RandomId(16);
            }

            scope.Spans.Add(new Span
            {
                TraceId = traceId,
                SpanId = RandomId(8),
                Name = $"span {i}",
                Kind = Span.Types.SpanKind.Internal,
                StartTimeUnixNano = now + (ulong)i,
                EndTimeUnixNano = now + (ulong)i + 1_000_000,
                Attributes = { new KeyValue { Key = "payload", Value = new AnyValue { StringValue = payload } } },
            });
        }

        return new ExportTraceServiceRequest
        {
            ResourceSpans = { new ResourceSpans { Resource = Resource(serviceName, instanceId), ScopeSpans = { scope } } },
        };
    }

    public static ExportLogsServiceRequest Logs(string serviceName, int count, int bodyBytes = 16, string instanceId = "i-1")
    {
        var scope = new ScopeLogs { Scope = new InstrumentationScope { Name = "test.logs" } };
        var body = new string('y', bodyBytes);
        for (var i = 0; i < count; i++)
        {
            scope.LogRecords.Add(new LogRecord
            {
                TimeUnixNano = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000,
                SeverityNumber = SeverityNumber.Info,
                Body = new AnyValue { StringValue = $"{i} {body}" },
            });
        }

        return new ExportLogsServiceRequest
        {
            ResourceLogs = { new ResourceLogs { Resource = Resource(serviceName, instanceId), ScopeLogs = { scope } } },
        };
    }

    public static ByteString RandomId(int bytes) => ByteString.CopyFrom(System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes));

    public static ExportMetricsServiceRequest Gauge(string service, string name, double value, string dimension) => new()
    {
        ResourceMetrics =
        {
            new ResourceMetrics
            {
                Resource = Resource(service),
                ScopeMetrics =
                {
                    new ScopeMetrics
                    {
                        Scope = new InstrumentationScope { Name = "test.meter" },
                        Metrics =
                        {
                            new Metric
                            {
                                Name = name,
                                Gauge = new Gauge
                                {
                                    DataPoints =
                                    {
                                        new NumberDataPoint
                                        {
                                            AsDouble = value,
                                            TimeUnixNano = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000,
                                            Attributes = { new KeyValue { Key = "dim", Value = new AnyValue { StringValue = dimension } } },
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    };
}
