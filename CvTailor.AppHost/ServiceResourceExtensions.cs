using Microsoft.Extensions.Configuration;

namespace CvTailor.AppHost;

/// <summary>The model's verbs for CV Tailor's own resources, beside Aspire's.</summary>
public static class ServiceResourceExtensions
{
    /// <summary>
    /// The service's HTTP endpoint on <c>AppHost:Ports:{name}</c> (default <paramref name="defaultPort"/>, 0 = any free
    /// port). Run locally it is bound by the service itself (no proxy in front), so latency figures are the service's.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithServiceEndpoint(
        this IResourceBuilder<ProjectResource> builder, IConfiguration configuration, int defaultPort)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var port = configuration.GetValue($"AppHost:Ports:{builder.Resource.Name}", defaultPort);
        // Published, the port is the host port a single-host deployment (compose) publishes for external endpoints.
        return builder.ApplicationBuilder.ExecutionContext.IsPublishMode
            ? builder.WithHttpEndpoint(port: port == 0 ? null : port, name: "http")
            : builder.WithHttpEndpoint(port: port == 0 ? null : port, name: "http", isProxied: false);
    }

    /// <summary>
    /// Stateless services run once here (their ports are fixed) and twice when published, or as
    /// <c>AppHost:Replicas:{name}</c> says.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDeploymentReplicas(this IResourceBuilder<ProjectResource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.ApplicationBuilder;
        var replicas = app.ExecutionContext.IsPublishMode
            ? app.Configuration.GetValue($"AppHost:Replicas:{builder.Resource.Name}", 2)
            : 1;
        return builder.WithReplicas(replicas);
    }

    /// <summary>
    /// A CV Tailor service: the AppHost's environment name (Development here) and readiness from its own
    /// <c>/health</c>, which ServiceDefaults maps.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AsCvTailorService(this IResourceBuilder<ProjectResource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithHostEnvironment().WithHttpHealthCheck("/health");
    }

    /// <summary>Without a launch profile Aspire passes no environment name; the services get the AppHost's.</summary>
    public static IResourceBuilder<ProjectResource> WithHostEnvironment(this IResourceBuilder<ProjectResource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            return builder;
        }
        var environment = builder.ApplicationBuilder.Environment.EnvironmentName;
        return builder.WithEnvironment("ASPNETCORE_ENVIRONMENT", environment).WithEnvironment("DOTNET_ENVIRONMENT", environment);
    }

    /// <summary>A run-once step that runs <c>eng/{relativePath}</c> with bash from the repository root.</summary>
    public static IResourceBuilder<ExecutableResource> AddEngScript(
        this IDistributedApplicationBuilder builder, string name, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddExecutable(name, "bash", AppHostPaths.RepositoryRoot(builder), $"eng/{relativePath}")
            .ExcludeFromManifest();
    }
}
