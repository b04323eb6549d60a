using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CvTailor.AppHost.Dashboard.Otlp.Proto.Collector.Trace.V1;
using CvTailor.AppHost.Dashboard.Store;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using RpcStatus = CvTailor.AppHost.Dashboard.Otlp.Proto.Rpc.Status;

namespace CvTailor.Tests.Dashboard;

/// <summary>The receivers' edges: authentication, size limit, encodings, malformed bodies, partial success.</summary>
public sealed class OtlpReceiverTests : IAsyncLifetime, IDisposable
{
    RunningDashboard _dashboard = default!;
    readonly HttpClient _http = new();

    public async Task InitializeAsync() => _dashboard = await RunningDashboard.StartAsync(maxRequestBodyBytes: 64 * 1024);

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Http_export_without_the_right_api_key_gets_401_and_stores_nothing(string? key)
    {
        using var response = await PostAsync("v1/traces", OtlpRequests.Traces("api", 1).ToByteArray(), "application/x-protobuf", apiKey: key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _dashboard.Store.GetCounts().Spans);
    }

    [Fact]
    public async Task Grpc_export_with_a_wrong_api_key_gets_401_unauthenticated()
    {
        // Raw HTTP/2 first, to see the status code itself ...
        using var raw = new HttpRequestMessage(HttpMethod.Post, new Uri(_dashboard.Host.OtlpGrpcUrl, "opentelemetry.proto.collector.trace.v1.TraceService/Export"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(new byte[5]),
        };
        raw.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        raw.Headers.Add("x-otlp-api-key", "wrong-key");
        using var rawResponse = await _http.SendAsync(raw);
        Assert.Equal(HttpStatusCode.Unauthorized, rawResponse.StatusCode);

        // ... then through a gRPC client, which reports it as Unauthenticated.
        using var channel = GrpcChannel.ForAddress(_dashboard.Host.OtlpGrpcUrl);
        var client = new TraceService.TraceServiceClient(channel);
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.ExportAsync(OtlpRequests.Traces("api", 1), new Metadata { { "x-otlp-api-key", "wrong-key" } }));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(0, _dashboard.Store.GetCounts().Spans);
    }

    [Fact]
    public async Task Grpc_export_with_the_key_is_stored_and_oversized_messages_are_refused()
    {
        using var channel = GrpcChannel.ForAddress(_dashboard.Host.OtlpGrpcUrl);
        var client = new TraceService.TraceServiceClient(channel);
        var headers = new Metadata { { "x-otlp-api-key", _dashboard.Host.OtlpApiKey } };

        var response = await client.ExportAsync(OtlpRequests.Traces("grpc-client", 3), headers);
        Assert.Null(response.PartialSuccess);
        Assert.Equal(3, _dashboard.Store.GetCounts().Spans);

        var tooBig = OtlpRequests.Traces("grpc-client", 1, attributeBytes: 100 * 1024);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.ExportAsync(tooBig, headers));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);

        await client.ExportAsync(OtlpRequests.Traces("grpc-client", 2), headers);
        Assert.Equal(5, _dashboard.Store.GetCounts().Spans);
    }

    [Fact]
    public async Task Grpc_export_compressed_with_gzip_is_accepted()
    {
        using var channel = GrpcChannel.ForAddress(_dashboard.Host.OtlpGrpcUrl);
        var client = new TraceService.TraceServiceClient(channel);
        var headers = new Metadata
        {
            { "x-otlp-api-key", _dashboard.Host.OtlpApiKey },
            { "grpc-internal-encoding-request", "gzip" }, // Grpc.Net.Client: compress this call's request with gzip
        };

        await client.ExportAsync(OtlpRequests.Traces("gzip-client", 4, attributeBytes: 10_000), headers);

        Assert.Equal(4, _dashboard.Store.GetCounts().Spans);
    }

    [Fact]
    public async Task Garbage_bodies_get_400_with_a_status_message_and_the_receiver_keeps_working()
    {
        // A length prefix far beyond the body: not parseable as any protobuf message.
        byte[] garbage = [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01, 0x02];
        using (var response = await PostAsync("v1/traces", garbage, "application/x-protobuf"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var status = RpcStatus.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
            Assert.Contains("not a valid", status.Message, StringComparison.Ordinal);
        }

        using (var response = await PostAsync("v1/logs", Encoding.UTF8.GetBytes("{\"resourceLogs\": [ oops"), "application/json"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        using (var response = await PostAsync("v1/metrics", Encoding.UTF8.GetBytes("not gzip at all"), "application/x-protobuf", gzip: false, contentEncoding: "gzip"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        using (var response = await PostAsync("v1/traces", [1, 2, 3], "text/plain"))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        }

        using (var ok = await PostAsync("v1/traces", OtlpRequests.Traces("after-garbage", 2).ToByteArray(), "application/x-protobuf"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        Assert.Equal(2, _dashboard.Store.GetCounts().Spans);
    }

    [Fact]
    public async Task Oversized_bodies_get_413_declared_chunked_or_decompressed_and_the_receiver_keeps_working()
    {
        var big = OtlpRequests.Traces("big", 1, attributeBytes: 100 * 1024).ToByteArray();
        using (var declared = await PostAsync("v1/traces", big, "application/x-protobuf"))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        }

        using (var chunked = await PostAsync("v1/traces", big, "application/x-protobuf", chunked: true))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        }

        // 1 MB of one repeated byte gzips to about 1 KB: the limit must apply after decompression.
        using (var bomb = await PostAsync("v1/traces", OtlpRequests.Traces("bomb", 1, attributeBytes: 1024 * 1024).ToByteArray(), "application/x-protobuf", gzip: true))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bomb.StatusCode);
        }

        using (var ok = await PostAsync("v1/traces", OtlpRequests.Traces("small", 1).ToByteArray(), "application/x-protobuf", gzip: true))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("application/x-protobuf", ok.Content.Headers.ContentType?.MediaType);
            Assert.Null(ExportTraceServiceResponse.Parser.ParseFrom(await ok.Content.ReadAsByteArrayAsync()).PartialSuccess);
        }

        Assert.Equal(1, _dashboard.Store.GetCounts().Spans);
    }

    [Fact]
    public async Task Spans_with_malformed_ids_are_reported_as_partial_success()
    {
        var request = OtlpRequests.Traces("partial", 3);
        request.ResourceSpans[0].ScopeSpans[0].Spans[1].TraceId = ByteString.CopyFrom(1, 2, 3);

        using var response = await PostAsync("v1/traces", request.ToByteArray(), "application/x-protobuf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, body.PartialSuccess.RejectedSpans);
        Assert.Contains("trace_id", body.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(2, _dashboard.Store.GetCounts().Spans);
    }

    [Fact]
    public async Task Json_bodies_with_hex_ids_are_accepted()
    {
        const string json = """
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"json-client"}}]},
              "scopeSpans":[{"scope":{"name":"curl"},"spans":[{"traceId":"5b8efff798038103d269b633813fc60c",
                "spanId":"eee19b7ec3c1b174","name":"json span","kind":2,"startTimeUnixNano":"1544712660000000000",
                "endTimeUnixNano":"1544712661000000000","attributes":[{"key":"http.route","value":{"stringValue":"/x"}},
                {"key":"retries","value":{"intValue":"3"}}],"status":{"code":2,"message":"bad"}}]}]}]}
            """;

        using var response = await PostAsync("v1/traces", Encoding.UTF8.GetBytes(json), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var span = Assert.Single(_dashboard.Store.GetTrace("5b8efff798038103d269b633813fc60c"));
        Assert.Equal("eee19b7ec3c1b174", span.SpanId);
        Assert.Equal("json-client", span.Resource.ServiceName);
        Assert.Equal("Server", span.Kind);
        Assert.Equal(SpanStatus.Error, span.Status);
        Assert.Contains(new TelemetryTag("retries", "3"), span.Attributes);
        Assert.Equal(new DateTime(2018, 12, 13, 14, 51, 0, DateTimeKind.Utc), span.Start);
    }

    async Task<HttpResponseMessage> PostAsync(
        string path, byte[] body, string contentType, bool gzip = false, bool chunked = false,
        string? contentEncoding = null, string? apiKey = "")
    {
        if (gzip)
        {
            using var compressed = new MemoryStream();
            await using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                await zip.WriteAsync(body);
            }

            body = compressed.ToArray();
            contentEncoding = "gzip";
        }

        HttpContent content = chunked ? new StreamContent(new NonSeekableStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (contentEncoding is not null)
        {
            content.Headers.ContentEncoding.Add(contentEncoding);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_dashboard.Host.OtlpHttpUrl, path)) { Content = content };
        var key = apiKey == "" ? _dashboard.Host.OtlpApiKey : apiKey;
        if (key is not null)
        {
            request.Headers.Add("x-otlp-api-key", key);
        }

        return await _http.SendAsync(request);
    }

    /// <summary>Hides the length so HttpClient sends the body chunked, without a Content-Length.</summary>
    sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
