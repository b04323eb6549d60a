using System.IO.Compression;
using CvTailor.AppHost.Dashboard.Otlp.Proto.Collector.Logs.V1;
using CvTailor.AppHost.Dashboard.Otlp.Proto.Collector.Metrics.V1;
using CvTailor.AppHost.Dashboard.Otlp.Proto.Collector.Trace.V1;
using CvTailor.AppHost.Dashboard.Store;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using RpcStatus = CvTailor.AppHost.Dashboard.Otlp.Proto.Rpc.Status;

namespace CvTailor.AppHost.Dashboard.Otlp;

/// <summary>
/// OTLP/HTTP: <c>POST /v1/traces|metrics|logs</c> with a protobuf (<c>application/x-protobuf</c>) or JSON
/// (<c>application/json</c>) body, optionally gzip-encoded. Errors answer with a <c>google.rpc.Status</c> body in the
/// request's encoding, as the spec asks: 400 for an unparsable body, 413 past the size limit, 415 for other types.
/// </summary>
public static class OtlpHttpEndpoints
{
    const string ProtobufType = "application/x-protobuf";
    const string JsonType = "application/json";

    public static RouteGroupBuilder MapOtlpHttp(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1");
        group.MapPost("/traces", (HttpContext ctx, TelemetryStore store) =>
            HandleAsync(ctx, ExportTraceServiceRequest.Parser, r => OtlpResponses.ForTraces(store.AddTraces(r))));
        group.MapPost("/metrics", (HttpContext ctx, TelemetryStore store) =>
            HandleAsync(ctx, ExportMetricsServiceRequest.Parser, r => OtlpResponses.ForMetrics(store.AddMetrics(r))));
        group.MapPost("/logs", (HttpContext ctx, TelemetryStore store) =>
            HandleAsync(ctx, ExportLogsServiceRequest.Parser, r => OtlpResponses.ForLogs(store.AddLogs(r))));
        return group;
    }

    static async Task HandleAsync<TRequest>(HttpContext context, MessageParser<TRequest> parser, Func<TRequest, IMessage> export)
        where TRequest : IMessage<TRequest>, new()
    {
        var isJson = IsMediaType(context.Request.ContentType, JsonType);
        if (!isJson && !IsMediaType(context.Request.ContentType, ProtobufType))
        {
            await WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, isJson: false,
                $"Content-Type must be {ProtobufType} or {JsonType}.");
            return;
        }

        var encoding = context.Request.Headers.ContentEncoding.ToString().Trim();
        var gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            await WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, isJson, "Content-Encoding must be gzip or absent.");
            return;
        }

        var limit = context.RequestServices.GetRequiredService<DashboardOptions>().MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, isJson, $"The body is larger than {limit} bytes.");
            return;
        }

        byte[]? body;
        try
        {
            await using var source = gzip ? new GZipStream(context.Request.Body, CompressionMode.Decompress) : context.Request.Body;
            body = await ReadLimitedAsync(source, limit, context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, isJson, "The body is not valid gzip.");
            return;
        }
        catch (BadHttpRequestException ex)
        {
            await WriteErrorAsync(context, ex.StatusCode, isJson, ex.Message);
            return;
        }

        if (body is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, isJson, $"The body is larger than {limit} bytes.");
            return;
        }

        TRequest request;
        try
        {
            request = isJson ? OtlpJson.Parse<TRequest>(body) : parser.ParseFrom(body);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or System.Text.Json.JsonException or FormatException)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, isJson,
                $"The body is not a valid {typeof(TRequest).Name} in {(isJson ? "JSON" : "protobuf")}.");
            return;
        }

        await WriteMessageAsync(context, StatusCodes.Status200OK, isJson, export(request));
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the stream holds more.</summary>
    static async Task<byte[]?> ReadLimitedAsync(Stream source, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    static bool IsMediaType(string? contentType, string expected) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals(expected, StringComparison.OrdinalIgnoreCase);

    static Task WriteErrorAsync(HttpContext context, int statusCode, bool isJson, string message) =>
        WriteMessageAsync(context, statusCode, isJson, new RpcStatus { Code = GrpcCodeFor(statusCode), Message = message });

    static async Task WriteMessageAsync(HttpContext context, int statusCode, bool isJson, IMessage message)
    {
        context.Response.StatusCode = statusCode;
        if (isJson)
        {
            context.Response.ContentType = JsonType;
            await context.Response.WriteAsync(OtlpJson.Format(message), context.RequestAborted);
        }
        else
        {
            context.Response.ContentType = ProtobufType;
            await context.Response.Body.WriteAsync(message.ToByteArray(), context.RequestAborted);
        }
    }

    // google.rpc.Code values: INVALID_ARGUMENT 3, RESOURCE_EXHAUSTED 8, UNIMPLEMENTED 12.
    static int GrpcCodeFor(int httpStatus) => httpStatus switch
    {
        StatusCodes.Status413PayloadTooLarge => 8,
        StatusCodes.Status415UnsupportedMediaType => 12,
        _ => 3,
    };
}
