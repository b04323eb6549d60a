using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Ends this process's TCP connections to the database server when it stopped answering (Linux). A command waiting on
/// a hung server cannot be cancelled quickly: Npgsql first opens a connection to the same hung server to send
/// PostgreSQL's cancel request and waits on it. Shutting the socket down fails the pending read at once, so the
/// request gets its 503 now instead of after its command timeout; the broken connections leave the pool.
/// </summary>
static partial class HungConnections
{
    [LibraryImport("libc", EntryPoint = "shutdown", SetLastError = true)]
    private static partial int Shutdown(int fd, int how);

    const int ShutReadWrite = 2;

    /// <summary>Returns how many sockets were shut down.</summary>
    public static int ShutDown(string connectionString)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (settings.Host is not { Length: > 0 } host || host.StartsWith('/'))
        {
            return 0;
        }
        var port = settings.Port;
        var addresses = host.Split(',').SelectMany(Resolve).ToHashSet();
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/self/net/tcp", "/proc/self/net/tcp6" })
        {
            if (File.Exists(table))
            {
                foreach (var line in File.ReadLines(table).Skip(1))
                {
                    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                    var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length > 9 && fields[3] == "01" && Remote(fields[2]) is { } remote
                        && remote.Port == port && addresses.Contains(Normal(remote.Address)))
                    {
                        inodes.Add($"socket:[{fields[9]}]");
                    }
                }
            }
        }
        var count = 0;
        foreach (var fd in Directory.EnumerateFiles("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target)
                    && int.TryParse(Path.GetFileName(fd), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    && Shutdown(number, ShutReadWrite) == 0)
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // The descriptor closed while we looked.
            }
        }
        return count;
    }

    static IEnumerable<IPAddress> Resolve(string host)
    {
        var name = host.Split(':')[0];
        if (IPAddress.TryParse(name, out var ip))
        {
            return [Normal(ip)];
        }
        try
        {
            return Dns.GetHostAddresses(name).Select(Normal);
        }
        catch (System.Net.Sockets.SocketException)
        {
            return [];
        }
    }

    static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>"0100007F:1538" (IPv4) or 32 hex digits:port (IPv6), each 32-bit word in host (little-endian) order.</summary>
    static IPEndPoint? Remote(string field)
    {
        var colon = field.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !int.TryParse(field[(colon + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port))
        {
            return null;
        }
        var hex = field[..colon];
        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
        {
            var value = uint.Parse(hex.AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            BitConverter.TryWriteBytes(bytes.AsSpan(word * 4, 4), value);
        }
        return bytes.Length is 4 or 16 ? new IPEndPoint(new IPAddress(bytes), port) : null;
    }
}
