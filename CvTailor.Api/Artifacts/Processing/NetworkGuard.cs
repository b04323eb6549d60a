using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Artifacts.Processing;

/// <summary>
/// The SSRF guard of evidence checks. Users choose the URLs, so without it the Api would fetch its own loopback
/// services, the cloud metadata address or the private network for them. Every hop is checked before it is requested
/// (scheme, host allow-list, IP literals), and <see cref="ConnectAsync"/> checks the address actually connected to,
/// so a host name that resolves (or re-resolves) to a private address is refused too.
/// </summary>
public sealed class NetworkGuard
{
    public const string RefusedScheme = "Refused: only http and https links are checked.";
    public const string RefusedHost = "Refused: the host is not on the allowed list.";
    public const string RefusedAddress = "Refused: the host is a loopback, private, link-local or multicast address.";

    // Not public unicast: this network, private, shared (CGNAT), loopback, link-local, IETF protocol assignments,
    // documentation, benchmarking, multicast, reserved and broadcast.
    static readonly IPNetwork[] NonPublicV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"), IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
    ];

    // Unspecified, loopback, NAT64 well-known prefix is left public; unique local, link-local, site-local, multicast.
    static readonly IPNetwork[] NonPublicV6 =
    [
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("ff00::/8"), IPNetwork.Parse("2001:db8::/32"),
    ];

    readonly bool _allowPrivate;
    readonly IPNetwork[] _exempt;
    readonly HashSet<string> _allowedHosts;

    public NetworkGuard(IOptions<EvidenceOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _allowPrivate = o.AllowPrivateNetworks;
        _exempt = [.. o.AllowedPrivateNetworks.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => IPNetwork.Parse(n.Trim()))];
        _allowedHosts = new HashSet<string>(o.AllowedHosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim()), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Why <paramref name="uri"/> must not be requested, or null. No name lookup happens here.</summary>
    public string? RefuseTarget(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return RefusedScheme;
        }
        if (!IsHostAllowed(uri.IdnHost))
        {
            return RefusedHost;
        }
        return IPAddress.TryParse(uri.IdnHost, out var literal) && !IsPermitted(literal) ? RefusedAddress : null;
    }

    /// <summary>Whether <c>Evidence:AllowedHosts</c> (when set) lets this host be contacted at all.</summary>
    public bool IsHostAllowed(string host) => _allowedHosts.Count == 0 || _allowedHosts.Contains(host);

    /// <summary>Whether a connection to <paramref name="address"/> is allowed.</summary>
    public bool IsPermitted(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return _allowPrivate || IsPublic(address) || _exempt.Any(n => n.Contains(address));
    }

    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var ranges = address.AddressFamily == AddressFamily.InterNetwork ? NonPublicV4 : NonPublicV6;
        return !ranges.Any(n => n.Contains(address));
    }

    /// <summary>
    /// The handler's connect step: resolves the host and connects only when every address it resolves to is allowed
    /// (a mix is refused, so a name cannot smuggle a private address in next to a public one).
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (addresses.Length == 0 || !addresses.All(IsPermitted))
        {
            throw new RefusedAddressException();
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>Thrown by <see cref="NetworkGuard.ConnectAsync"/> when the resolved address is not allowed.</summary>
public sealed class RefusedAddressException : Exception
{
    public RefusedAddressException()
        : base(NetworkGuard.RefusedAddress)
    {
    }

    public RefusedAddressException(string message)
        : base(message)
    {
    }

    public RefusedAddressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
