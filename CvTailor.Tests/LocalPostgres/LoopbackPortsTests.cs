using System.Net;
using System.Net.Sockets;
using CvTailor.LocalPostgres;

namespace CvTailor.Tests.LocalPostgres;

/// <summary>
/// Ports handed out for listeners started later stay clear of the range the kernel gives outgoing connections, where
/// a pooled client connection could hold them by the time the listener binds.
/// </summary>
public sealed class LoopbackPortsTests
{
    [Fact]
    public void Chosen_ports_are_free_and_outside_the_ephemeral_range()
    {
        var (low, high) = LoopbackPorts.EphemeralRange();
        var ports = Enumerable.Range(0, 100).Select(_ => LoopbackPorts.Choose()).ToList();

        Assert.All(ports, p => Assert.True(p < low || p > high, $"port {p} is inside the ephemeral range {low}-{high}"));
        Assert.All(ports, p => Assert.InRange(p, 1_024, IPEndPoint.MaxPort));
        Assert.True(ports.Distinct().Count() > 50, "ports are spread, so two callers rarely pick the same one");
        Assert.True(LoopbackPorts.IsFree(ports[0]));
    }

    [Fact]
    public void A_bound_port_is_not_free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, LoopbackPorts.Choose());
        listener.Start();

        Assert.False(LoopbackPorts.IsFree(((IPEndPoint)listener.LocalEndpoint).Port));
    }
}
