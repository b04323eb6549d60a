using CvTailor.LocalPostgres;

namespace CvTailor.AppHost.Postgres;

/// <summary>
/// PostgreSQL run from the machine's binaries as an executable the orchestrator supervises: for machines without a
/// container runtime. Its connection string has the same shape as the container's, so services cannot tell them apart.
/// </summary>
public sealed class LocalPostgresResource(string name, LocalPostgresCluster cluster, ParameterResource password)
    : ExecutableResource(name, "bash", cluster.StateDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    /// <summary>The initialised cluster: its port and password are fixed before the orchestrator starts it.</summary>
    public LocalPostgresCluster Cluster { get; } = cluster;

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username=postgres;Password={PasswordParameter}");
}

/// <summary>A database on <see cref="LocalPostgresResource"/>, created when the server is ready.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    public LocalPostgresResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
