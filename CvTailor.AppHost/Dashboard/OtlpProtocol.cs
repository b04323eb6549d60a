namespace CvTailor.AppHost.Dashboard;

/// <summary>The OTLP transport a service is told to use (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>).</summary>
public enum OtlpProtocol
{
    Grpc,
    HttpProtobuf,
}
