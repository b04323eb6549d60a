namespace CvTailor.AppHost.Publishing;

/// <summary>
/// The application model as a deployment sees it: what runs in containers, with which environment and in which
/// order. Read from the resources Program.cs declares (<see cref="ApplicationModelReader"/>); every publisher writes
/// its own format from this.
/// </summary>
public sealed record PublishedApplication(
    PostgresServer? Postgres,
    IReadOnlyList<PublishedService> Services,
    IReadOnlyList<ParameterDefinition> Parameters,
    IReadOnlyList<SharedVolume> Volumes,
    IReadOnlyList<(string Name, string Description)> BuildSteps)
{
    /// <summary>The port every service container listens on (the .NET container images' default).</summary>
    public const int ContainerPort = 8080;
}

/// <summary>The PostgreSQL server: a container with a data volume and a generated password.</summary>
public sealed record PostgresServer(string Name, string Image, ParameterDefinition Password, IReadOnlyList<string> Databases)
{
    public const int Port = 5432;
    public const string User = "postgres";
    public string DataVolume => $"{Name}-data";
}

public enum PublishedServiceKind
{
    /// <summary>Long-running, HTTP, health-probed, possibly replicated.</summary>
    Service,

    /// <summary>Runs to completion once before its dependents (compose: a one-shot service; Kubernetes: an init container).</summary>
    OneShot,
}

public enum DependencyCondition
{
    Healthy,
    Completed,
}

public sealed record ServiceDependency(string Name, DependencyCondition Condition);

public sealed record VolumeMount(SharedVolume Volume, string Path);

/// <summary>A project published as a container image.</summary>
public sealed record PublishedService(
    string Name,
    PublishedServiceKind Kind,
    string ImageRepository,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<KeyValuePair<string, EnvironmentValue>> Environment,
    int Replicas,
    IReadOnlyList<ServiceDependency> DependsOn,
    IReadOnlyList<VolumeMount> Mounts,
    ExternalEndpoint? External);

/// <summary>A service reachable from outside the deployment (Aspire's WithExternalHttpEndpoints); 0 = any host port.</summary>
public sealed record ExternalEndpoint(int HostPort);

/// <summary>An environment value, resolved by each publisher into its own reference syntax.</summary>
public abstract record EnvironmentValue;

public sealed record LiteralValue(string Value) : EnvironmentValue;

/// <summary>A parameter's value (secret ones come from the output's secret file).</summary>
public sealed record ParameterValue(ParameterDefinition Parameter) : EnvironmentValue;

/// <summary>The connection string of a database on the published PostgreSQL server.</summary>
public sealed record ConnectionStringValue(PostgresServer Server, string Database) : EnvironmentValue;

/// <summary>The HTTP base URL of another published service (its service name inside the deployment).</summary>
public sealed record ServiceUrlValue(string Service) : EnvironmentValue;
