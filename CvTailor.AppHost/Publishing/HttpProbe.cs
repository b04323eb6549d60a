using System.Globalization;

namespace CvTailor.AppHost.Publishing;

/// <summary>The services' health endpoints (ServiceDefaults maps them) and a probe command for compose.</summary>
public static class HttpProbe
{
    /// <summary>Every check, the database's included: readiness.</summary>
    public const string HealthPath = "/health";

    /// <summary>Only the process itself: liveness (a database outage must not restart the pods).</summary>
    public const string AlivePath = "/alive";

    /// <summary>
    /// A check that needs nothing but bash (the .NET runtime images ship neither curl nor wget): one HTTP/1.0 request
    /// over bash's /dev/tcp, healthy when the status line says 200.
    /// </summary>
    public static string BashCommand(string path) =>
        $"exec 3<>/dev/tcp/127.0.0.1/{PublishedApplication.ContainerPort.ToString(CultureInfo.InvariantCulture)} "
        + $"&& printf 'GET {path} HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '";
}
