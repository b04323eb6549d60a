namespace CvTailor.AppHost.Hosting;

/// <summary>A database on a PostgreSQL server resource; created once the server is healthy.</summary>
public sealed class PostgresDatabaseResource : Resource
{
    public PostgresDatabaseResource(string name, PostgresServerResource server) : base(name)
    {
        Server = server;
        Waits.Add((server, WaitKind.Healthy));
    }

    public PostgresServerResource Server { get; }
    public override string Type => "Database";

    public string ConnectionString => Server.GetConnectionString(Name);

    public override async Task StartAsync(CancellationToken ct)
    {
        StartedAt = DateTimeOffset.UtcNow;
        SetState(ResourceState.Starting);
        try
        {
            await PostgresAdmin.CreateDatabaseIfMissingAsync(Server.GetConnectionString("postgres"), Name, ct);
            Health = "Healthy";
            SetState(ResourceState.Healthy);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log(ex.Message, isError: true);
            SetState(ResourceState.FailedToStart, ex.Message);
        }
    }

    public override Task StopAsync(CancellationToken ct)
    {
        Health = null;
        SetState(ResourceState.Stopped);
        return Task.CompletedTask;
    }

    /// <summary>Aspire's convention: <c>ConnectionStrings__{name}</c>.</summary>
    public override IEnumerable<KeyValuePair<string, string>> GetReferenceEnvironment() =>
        [new($"ConnectionStrings__{Name}", ConnectionString)];
}
