namespace CvTailor.AppHost.Hosting;

/// <summary>Aspire-shaped project verbs: <c>AddProject&lt;Projects.X&gt;(name).WithHttpEndpoint(...).WithReplicas(n)</c>.</summary>
public static class ProjectBuilderExtensions
{
    public static ResourceBuilder<ProjectResource> AddProject<TProject>(this DistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        var resource = new ProjectResource(name, new TProject(), builder.Host);
        return builder.AddResource(resource);
    }

    /// <summary>The HTTP port of the first replica; <c>AppHost:Ports:{name}</c> overrides it (0 = any free port).</summary>
    public static ResourceBuilder<ProjectResource> WithHttpEndpoint(this ResourceBuilder<ProjectResource> builder, int port)
    {
        builder.Resource.HttpPort = builder.ApplicationBuilder.GetPort(builder.Resource.Name, port);
        return builder;
    }

    /// <summary>
    /// How many instances run: honoured by the local run (one process per replica, each on its own port) and by
    /// every publisher. <c>AppHost:Replicas:{name}</c> overrides the model's number.
    /// </summary>
    public static ResourceBuilder<ProjectResource> WithReplicas(this ResourceBuilder<ProjectResource> builder, int replicas)
    {
        if (int.TryParse(builder.ApplicationBuilder.Configuration[$"AppHost:Replicas:{builder.Resource.Name}"],
                System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var configured))
        {
            replicas = configured;
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.ReplicaCount = replicas;
        return builder;
    }

    public static ResourceBuilder<ProjectResource> WithArgs(this ResourceBuilder<ProjectResource> builder, params string[] args)
    {
        builder.Resource.Arguments.AddRange(args);
        return builder;
    }

    public static ResourceBuilder<RunOnceResource> AddRunOnce(
        this DistributedApplicationBuilder builder, string name,
        Func<Microsoft.Extensions.Logging.ILogger, CancellationToken, Task> work) =>
        builder.AddResource(new RunOnceResource(name, work));
}
