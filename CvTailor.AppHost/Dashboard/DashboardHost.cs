using System.Net;
using System.Security.Cryptography;
using CvTailor.AppHost.Dashboard.Authentication;
using CvTailor.AppHost.Dashboard.Components;
using CvTailor.AppHost.Dashboard.Otlp;
using CvTailor.AppHost.Dashboard.Resources;
using CvTailor.AppHost.Dashboard.Store;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.FluentUI.AspNetCore.Components;

namespace CvTailor.AppHost.Dashboard;

/// <summary>
/// The dashboard the AppHost serves, like Aspire's: the UI (Blazor, browser-token login) and the OTLP receivers
/// (gRPC on an HTTP/2-only endpoint, HTTP/protobuf+JSON on another), all on loopback by default. It runs two small
/// Kestrel applications of its own so the AppHost only creates, starts and stops it, and hands services
/// <see cref="GetOtlpEnvironment"/>.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    readonly DashboardOptions _options;
    readonly WebApplication _ui;
    readonly WebApplication _otlp;
    ListenOptions? _uiListen;
    ListenOptions? _grpcListen;
    ListenOptions? _httpListen;
    bool _started;

    public DashboardHost(DashboardOptions options, IResourceCatalog resources)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(resources);
        options.Validate();
        _options = options;
        Resources = resources;
        OtlpApiKey = string.IsNullOrEmpty(options.OtlpApiKey) ? NewSecret() : options.OtlpApiKey;
        BrowserToken = string.IsNullOrEmpty(options.BrowserToken) ? NewSecret() : options.BrowserToken;
        Store = new TelemetryStore(options.Limits);
        _otlp = BuildOtlpApp();
        _ui = BuildUiApp();
    }

    /// <summary>Binds section <c>Dashboard</c> of <paramref name="configuration"/> to <see cref="DashboardOptions"/>.</summary>
    public static DashboardHost Create(IConfiguration configuration, IResourceCatalog resources)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new DashboardOptions();
        configuration.GetSection(DashboardOptions.SectionName).Bind(options);
        return new DashboardHost(options, resources);
    }

    public TelemetryStore Store { get; }

    public IResourceCatalog Resources { get; }

    /// <summary>The <c>x-otlp-api-key</c> value every service must send.</summary>
    public string OtlpApiKey { get; }

    /// <summary>The token of <see cref="LoginUrl"/>; print it, never log it at a level that is persisted.</summary>
    public string BrowserToken { get; }

    public Uri UiUrl => EndpointUri(_uiListen);

    public Uri LoginUrl => new(UiUrl, $"{BrowserTokenLogin.Path}?t={Uri.EscapeDataString(BrowserToken)}");

    public Uri OtlpGrpcUrl => EndpointUri(_grpcListen);

    public Uri OtlpHttpUrl => EndpointUri(_httpListen);

    /// <summary>
    /// The variables a service needs to export to this dashboard (the same names Aspire uses), e.g.
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:18889</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL=grpc</c>,
    /// <c>OTEL_EXPORTER_OTLP_HEADERS=x-otlp-api-key=…</c>. Valid after <see cref="StartAsync"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> GetOtlpEnvironment(OtlpProtocol protocol = OtlpProtocol.Grpc) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = (protocol == OtlpProtocol.Grpc ? OtlpGrpcUrl : OtlpHttpUrl).ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol == OtlpProtocol.Grpc ? "grpc" : "http/protobuf",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = $"{OtlpApiKeyMiddleware.HeaderName}={OtlpApiKey}",
        };

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _otlp.StartAsync(cancellationToken);
        try
        {
            await _ui.StartAsync(cancellationToken);
        }
        catch
        {
            await _otlp.StopAsync(CancellationToken.None);
            throw;
        }

        _started = true;
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_started)
        {
            return;
        }

        _started = false;
        await Task.WhenAll(_ui.StopAsync(cancellationToken), _otlp.StopAsync(cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _ui.DisposeAsync();
        await _otlp.DisposeAsync();
    }

    WebApplication BuildOtlpApp()
    {
        var builder = CreateBuilder();
        var address = _options.GetBindAddress();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The size limit is enforced by the receivers themselves (after decompression, and by gRPC per message):
            // a Kestrel limit would reset the connection instead of answering 413/RESOURCE_EXHAUSTED.
            kestrel.Limits.MaxRequestBodySize = null;
            // gRPC needs HTTP/2 without TLS, which Kestrel only speaks on an HTTP/2-only endpoint (prior knowledge).
            kestrel.Listen(address, _options.OtlpGrpcPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                _grpcListen = listen;
            });
            kestrel.Listen(address, _options.OtlpHttpPort, listen =>
            {
                // Cleartext HTTP/2 would need prior knowledge here too; OTLP/HTTP clients speak HTTP/1.1.
                listen.Protocols = HttpProtocols.Http1;
                _httpListen = listen;
            });
        });
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = _options.MaxRequestBodyBytes;
            grpc.EnableDetailedErrors = false;
        });
        builder.Services.AddSingleton(Store);
        builder.Services.AddSingleton(_options);

        var app = builder.Build();
        app.UseMiddleware<OtlpApiKeyMiddleware>(System.Text.Encoding.UTF8.GetBytes(OtlpApiKey));
        app.MapGrpcService<OtlpTraceGrpcService>();
        app.MapGrpcService<OtlpMetricsGrpcService>();
        app.MapGrpcService<OtlpLogsGrpcService>();
        app.MapOtlpHttp();
        return app;
    }

    WebApplication BuildUiApp()
    {
        var builder = CreateBuilder();
        // Serves the Fluent UI and Blazor framework files from the build output (or wwwroot when published).
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(_options.GetBindAddress(), _options.UiPort, listen => _uiListen = listen));

        builder.Services.AddSingleton(Store);
        builder.Services.AddSingleton(Resources);
        builder.Services.AddSingleton(_options);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddFluentUIComponents();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = BrowserTokenLogin.Path;
                cookie.Cookie.Name = BrowserTokenLogin.CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.ExpireTimeSpan = TimeSpan.FromDays(3);
                cookie.SlidingExpiration = true;
            });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapBrowserTokenLogin(BrowserToken);
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization();
        return app;
    }

    static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DashboardHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
            Args = [],
        });
        // The AppHost's own variables (ASPNETCORE_URLS, Logging__*) are meant for it, not for these two servers.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        return builder;
    }

    static Uri EndpointUri(ListenOptions? listen)
    {
        if (listen?.IPEndPoint is not { } endPoint || endPoint.Port == 0)
        {
            throw new InvalidOperationException("The dashboard has not been started yet.");
        }

        var host = endPoint.Address.Equals(IPAddress.Any) ? "127.0.0.1"
            : endPoint.Address.Equals(IPAddress.IPv6Any) ? "[::1]"
            : endPoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]"
            : endPoint.Address.ToString();
        return new Uri($"http://{host}:{endPoint.Port}/");
    }

    static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
