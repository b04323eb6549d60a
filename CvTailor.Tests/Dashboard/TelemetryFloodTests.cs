using System.Net;
using System.Net.Http.Headers;
using CvTailor.AppHost.Dashboard.Store;
using Google.Protobuf;
using Xunit.Abstractions;

namespace CvTailor.Tests.Dashboard;

/// <summary>
/// A flood far beyond the configured limits, sent over real HTTP, must leave counts at the limits and the
/// process's managed heap bounded (it would grow by hundreds of MB if nothing were evicted).
/// </summary>
public sealed class TelemetryFloodTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_flood_beyond_the_limits_keeps_counts_and_memory_bounded()
    {
        var limits = new TelemetryLimits { MaxSpans = 2_000, MaxLogRecords = 2_000, MaxSpanBytes = 16L * 1024 * 1024, MaxLogBytes = 16L * 1024 * 1024 };
        await using var dashboard = await RunningDashboard.StartAsync(limits);
        using var http = new HttpClient();

        // Warm up, then measure the heap after the store is already full.
        await SendAsync(http, dashboard, "v1/traces", OtlpRequests.Traces("flood", 500, attributeBytes: 1_000).ToByteArray());
        var baseline = HeapBytes();

        // 100 batches × 500 spans × ~2 KB of attribute text ≈ 100 MB of spans, and as much in logs.
        for (var batch = 0; batch < 100; batch++)
        {
            await SendAsync(http, dashboard, "v1/traces", OtlpRequests.Traces($"flood-{batch % 7}", 500, attributeBytes: 1_000, instanceId: $"i-{batch}").ToByteArray());
            await SendAsync(http, dashboard, "v1/logs", OtlpRequests.Logs($"flood-{batch % 7}", 500, bodyBytes: 1_000).ToByteArray());
        }

        var counts = dashboard.Store.GetCounts();
        var growth = HeapBytes() - baseline;
        output.WriteLine($"after 50,000 spans + 50,000 logs: {counts.Spans} spans ({counts.SpanBytes / 1024} KiB est.), " +
                         $"{counts.LogRecords} logs ({counts.LogBytes / 1024} KiB est.), heap growth {growth / 1024} KiB");

        Assert.Equal(2_000, counts.Spans);
        Assert.Equal(2_000, counts.LogRecords);
        Assert.True(counts.Resources <= limits.MaxResources);
        // 2,000 spans and 2,000 logs of ~2 KB text each are ~8 MB; allow generous slack for runtime noise.
        Assert.InRange(growth, long.MinValue, 64L * 1024 * 1024);
    }

    static async Task SendAsync(HttpClient http, RunningDashboard dashboard, string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(dashboard.Host.OtlpHttpUrl, path)) { Content = content };
        request.Headers.Add("x-otlp-api-key", dashboard.Host.OtlpApiKey);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    static long HeapBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
