using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CvTailor.AppHost.Hosting;

/// <summary>
/// Collects the application model (resources, references, waits) the way Aspire's builder does, with configuration
/// from the AppHost's appsettings, environment variables and command-line arguments.
/// </summary>
public sealed class DistributedApplicationBuilder
{
    readonly List<Resource> _resources = [];

    DistributedApplicationBuilder(string[] args)
    {
        var contentRoot = AppContext.BaseDirectory;
        Configuration = new ConfigurationBuilder()
            .SetBasePath(contentRoot)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        ExecutionContext = new DistributedApplicationExecutionContext(args);
        EnvironmentName = Configuration["DOTNET_ENVIRONMENT"] ?? Configuration["ASPNETCORE_ENVIRONMENT"] ?? "Development";
        DataDirectory = Path.GetFullPath(Configuration["AppHost:DataDirectory"]
            ?? System.Environment.GetEnvironmentVariable("CVTAILOR_DATA_DIR")
            ?? Path.Combine(FindRepositoryRoot() ?? System.Environment.CurrentDirectory, ".cvtailor"));
        Host.ChildEnvironment["ASPNETCORE_ENVIRONMENT"] = EnvironmentName;
        Host.ChildEnvironment["DOTNET_ENVIRONMENT"] = EnvironmentName;
        // Children write plain lines; the host adds its own resource prefix and colour.
        Host.ChildEnvironment["Logging__Console__FormatterName"] = "simple";
        Host.ChildEnvironment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        Host.ChildEnvironment["DOTNET_NOLOGO"] = "1";
    }

    public IConfigurationRoot Configuration { get; }

    /// <summary>Run (start everything here) or publish (write deployment files and exit); Aspire's name.</summary>
    public DistributedApplicationExecutionContext ExecutionContext { get; }
    public string EnvironmentName { get; }
    public string DataDirectory { get; }
    public HostEnvironment Host { get; } = new();
    public IReadOnlyList<Resource> Resources => _resources;

    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(args);

    public ResourceBuilder<T> AddResource<T>(T resource) where T : Resource
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }
        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    /// <summary>A resource's port: <c>AppHost:Ports:{name}</c> when configured, else the model's default.</summary>
    public int GetPort(string resourceName, int defaultPort) =>
        int.TryParse(Configuration[$"AppHost:Ports:{resourceName}"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p)
            ? p : defaultPort;

    public DistributedApplication Build() => new(this);

    static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(System.Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CvTailor.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
