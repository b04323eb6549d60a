using System.Diagnostics;
using System.Diagnostics.Metrics;
using CvTailor.AppHost.Dashboard.Store;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CvTailor.Tests.Dashboard;

/// <summary>
/// The real OpenTelemetry .NET SDK exporter sends spans, metrics and logs to a running dashboard, over gRPC and over
/// HTTP/protobuf, exactly as the services do; the store must hold them under the right resource with their attributes.
/// </summary>
public sealed class OtlpSdkExportTests
{
    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task Sdk_exports_spans_metrics_and_logs_that_the_store_holds(OtlpExportProtocol protocol)
    {
        await using var dashboard = await RunningDashboard.StartAsync();
        var suffix = protocol.ToString().ToLowerInvariant();
        var serviceName = $"sdk-test-{suffix}";
        var instanceId = Guid.NewGuid().ToString("n");
        var sourceName = $"CvTailor.Tests.Dashboard.{suffix}";
        var resource = ResourceBuilder.CreateEmpty()
            .AddService(serviceName, serviceInstanceId: instanceId)
            .AddAttributes([new KeyValuePair<string, object>("deployment.environment", "test")]);

        string traceId, parentSpanId;
        using (var tracing = Sdk.CreateTracerProviderBuilder()
                   .SetResourceBuilder(resource)
                   .AddSource(sourceName)
                   .AddOtlpExporter(o => Configure(o, dashboard, protocol, "v1/traces"))
                   .Build())
        using (var source = new ActivitySource(sourceName))
        {
            using (var parent = source.StartActivity("embed batch", ActivityKind.Server)!)
            {
                parent.SetTag("cvtailor.batch.size", 16);
                parent.SetTag("http.route", "/v1/embeddings");
                using (var dbCall = source.StartActivity("db query", ActivityKind.Client)!)
                {
                    dbCall.SetTag("db.system", "postgresql");
                    dbCall.AddException(new InvalidOperationException("boom"));
                    dbCall.SetStatus(ActivityStatusCode.Error, "boom");
                }

                traceId = parent.TraceId.ToHexString();
                parentSpanId = parent.SpanId.ToHexString();
            }

            Assert.True(tracing.ForceFlush(10_000));
        }

        var meterName = $"CvTailor.Tests.Dashboard.Meter.{suffix}";
        using (var metrics = Sdk.CreateMeterProviderBuilder()
                   .SetResourceBuilder(resource)
                   .AddMeter(meterName)
                   .AddOtlpExporter((o, reader) =>
                   {
                       Configure(o, dashboard, protocol, "v1/metrics");
                       reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 600_000;
                   })
                   .Build())
        using (var meter = new Meter(meterName))
        {
            var counter = meter.CreateCounter<long>("cvtailor.test.jobs", unit: "{job}", description: "jobs done");
            var histogram = meter.CreateHistogram<double>("cvtailor.test.latency", unit: "ms");
            counter.Add(3, new KeyValuePair<string, object?>("queue", "embeddings"));
            counter.Add(4, new KeyValuePair<string, object?>("queue", "generation"));
            foreach (var ms in new[] { 5.0, 10, 20, 40 })
            {
                histogram.Record(ms);
            }

            Assert.True(metrics.ForceFlush(10_000));
        }

        using (var loggerFactory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(o =>
               {
                   o.SetResourceBuilder(resource);
                   o.AddOtlpExporter(e => Configure(e, dashboard, protocol, "v1/logs"));
               })))
        {
            var logger = loggerFactory.CreateLogger("CvTailor.Tests.Orders");
            using var activity = new Activity("log scope").Start();
            logger.LogWarning("Order {OrderId} shipped late", 42);
            activity.Stop();
            traceIdOfLog = activity.TraceId.ToHexString();
        }

        // Spans: one trace, two spans of this resource, attributes, status and the exception event intact.
        var key = TelemetryResourceKey(serviceName, instanceId);
        var spans = dashboard.Store.GetTrace(traceId);
        Assert.Equal(2, spans.Count);
        Assert.All(spans, s => Assert.Equal(key, s.Resource.Key));
        var root = Assert.Single(spans, s => s.Name == "embed batch");
        Assert.Equal("Server", root.Kind);
        Assert.Contains(new TelemetryTag("cvtailor.batch.size", "16"), root.Attributes);
        Assert.Contains(new TelemetryTag("deployment.environment", "test"), root.Resource.Attributes);
        var child = Assert.Single(spans, s => s.Name == "db query");
        Assert.Equal(parentSpanId, child.ParentSpanId);
        Assert.Equal(SpanStatus.Error, child.Status);
        var exception = Assert.Single(child.Events, e => e.IsException);
        Assert.Contains(exception.Attributes, a => a.Key == "exception.message" && a.Value == "boom");
        var trace = Assert.Single(dashboard.Store.GetTraces(new TraceQuery(ResourceKey: key)));
        Assert.True(trace.HasError);
        Assert.Equal("embed batch", trace.RootName);

        // Metrics: the counter's two dimension sets and the histogram's buckets.
        var instruments = dashboard.Store.GetInstruments(key);
        Assert.Contains(instruments, i => i.Name == "cvtailor.test.jobs" && i.Kind == MetricKind.Sum && i.IsMonotonic && i.Unit == "{job}");
        var jobs = dashboard.Store.GetInstrument(key, meterName, "cvtailor.test.jobs");
        Assert.NotNull(jobs);
        Assert.Equal(2, jobs.Series.Count);
        Assert.Equal(3, Assert.Single(jobs.Series, s => s.Label == "queue=embeddings").Points[^1].Value);
        Assert.Equal(4, Assert.Single(jobs.Series, s => s.Label == "queue=generation").Points[^1].Value);
        var latency = dashboard.Store.GetInstrument(key, meterName, "cvtailor.test.latency");
        Assert.NotNull(latency);
        // Cumulative temporality: the flush and the provider's final collect each export the same totals.
        var point = Assert.Single(latency.Series).Points[^1];
        Assert.Equal(4UL, point.Count);
        Assert.Equal(75, point.Sum);
        Assert.Equal(point.ExplicitBounds.Count + 1, point.BucketCounts.Count);

        // Logs: level, message, structured attribute and trace correlation.
        var log = Assert.Single(dashboard.Store.GetLogs(new LogQuery(ResourceKey: key)));
        Assert.Equal(LogLevelName.Warning, log.Level);
        Assert.Equal("CvTailor.Tests.Orders", log.Scope);
        Assert.Contains(log.Attributes, a => a.Key == "OrderId" && a.Value == "42");
        Assert.Equal(traceIdOfLog, log.TraceId);
        Assert.Single(dashboard.Store.GetLogs(new LogQuery(AttributeKey: "OrderId", AttributeValue: "42")));
        Assert.Empty(dashboard.Store.GetLogs(new LogQuery(AttributeKey: "OrderId", AttributeValue: "43")));
    }

    string? traceIdOfLog;

    static string TelemetryResourceKey(string serviceName, string instanceId) => TelemetryResource.ResourceKey(serviceName, instanceId);

    static void Configure(OtlpExporterOptions options, RunningDashboard dashboard, OtlpExportProtocol protocol, string httpPath)
    {
        options.Protocol = protocol;
        // Set in code the SDK does not append the signal path for HTTP, so the full URL is given (as a collector config would).
        options.Endpoint = protocol == OtlpExportProtocol.Grpc ? dashboard.Host.OtlpGrpcUrl : new Uri(dashboard.Host.OtlpHttpUrl, httpPath);
        options.Headers = $"x-otlp-api-key={dashboard.Host.OtlpApiKey}";
        options.ExportProcessorType = ExportProcessorType.Simple;
        options.TimeoutMilliseconds = 10_000;
    }
}
