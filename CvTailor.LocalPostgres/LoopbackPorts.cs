using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CvTailor.LocalPostgres;

/// <summary>
/// Loopback ports chosen now for a listener started later (a PostgreSQL that first runs initdb, a port handed to the
/// Aspire orchestrator). Chosen below the kernel's ephemeral range, because the kernel gives ports of that range to
/// every outgoing connection: a port taken from it with bind(0) can be the local end of some pooled client connection
/// by the time the listener binds it, and the listener then fails or, behind the orchestrator's proxy, is never
/// reachable.
/// </summary>
public static class LoopbackPorts
{
    const int Lowest = 10_000;
    const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    /// <summary>A port free on loopback now, outside the ephemeral range when one is known; else one from bind(0).</summary>
    public static int Choose()
    {
        var (ephemeralLow, ephemeralHigh) = EphemeralRange();
        // Below the range if there is room, else above it.
        var (low, high) = ephemeralLow - Lowest >= 1_000 ? (Lowest, ephemeralLow - 1) : (ephemeralHigh + 1, IPEndPoint.MaxPort);
        for (var attempt = 0; attempt < 64 && high - low >= 1_000; attempt++)
        {
            var port = Random.Shared.Next(low, high + 1);
            if (IsFree(port))
            {
                return port;
            }
        }
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether a listener can bind <paramref name="port"/> on loopback now.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Linux's range for outgoing connections' local ports; the usual default where it cannot be read.</summary>
    public static (int Low, int High) EphemeralRange()
    {
        try
        {
            var parts = File.ReadAllText(EphemeralRangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var high)
                && low > 0 && high >= low)
            {
                return (low, high);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return (32_768, 60_999);
    }
}
