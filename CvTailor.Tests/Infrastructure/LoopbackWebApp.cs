using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CvTailor.Tests.Infrastructure;

/// <summary>
/// The real Kestrel apps tests talk to (stand-ins for outside services, the services under test): a loopback address
/// and a port the OS picks, so parallel tests never collide and nothing listens beyond this machine.
/// </summary>
public static class LoopbackWebApp
{
    /// <summary>A quiet slim app bound to <paramref name="address"/> on a free port; map endpoints, then start it.</summary>
    public static WebApplication CreateSlim(string address = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{address}:0");
        return builder.Build();
    }

    /// <summary>Where a started app listens (its first address), e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public static Uri ListeningAddress(this WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
