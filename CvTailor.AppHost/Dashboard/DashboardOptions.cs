using System.Net;
using CvTailor.AppHost.Dashboard.Store;

namespace CvTailor.AppHost.Dashboard;

/// <summary>
/// Configuration section <c>Dashboard</c>. Ports follow Aspire's dashboard (UI 18888, OTLP gRPC 18889, OTLP HTTP
/// 18890); 0 picks a free port (tests). The API key and browser token are generated per run unless set.
/// </summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Address all three endpoints bind to; loopback unless an operator deliberately exposes them.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    public int UiPort { get; set; } = 18888;
    public int OtlpGrpcPort { get; set; } = 18889;
    public int OtlpHttpPort { get; set; } = 18890;

    /// <summary>Value services must send in the <c>x-otlp-api-key</c> header; generated when empty.</summary>
    public string? OtlpApiKey { get; set; }

    /// <summary>Token of the browser login URL (<c>/login?t=...</c>); generated when empty.</summary>
    public string? BrowserToken { get; set; }

    /// <summary>Largest OTLP request accepted, after decompression, on both transports.</summary>
    public int MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    public TelemetryLimits Limits { get; set; } = new();

    public IPAddress GetBindAddress() =>
        IPAddress.TryParse(BindAddress, out var address)
            ? address
            : throw new InvalidOperationException($"Dashboard:BindAddress '{BindAddress}' is not an IP address.");

    public void Validate()
    {
        _ = GetBindAddress();
        foreach (var (name, port) in new[] { (nameof(UiPort), UiPort), (nameof(OtlpGrpcPort), OtlpGrpcPort), (nameof(OtlpHttpPort), OtlpHttpPort) })
        {
            if (port is < 0 or > 65535)
            {
                throw new InvalidOperationException($"Dashboard:{name} must be between 0 and 65535, not {port}.");
            }
        }

        if (MaxRequestBodyBytes < 1024)
        {
            throw new InvalidOperationException("Dashboard:MaxRequestBodyBytes must be at least 1024.");
        }

        Limits.Validate();
    }
}
