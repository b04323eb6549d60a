namespace CvTailor.AppHost.Hosting;

/// <summary>Aspire's <c>IResourceBuilder&lt;T&gt;</c>: a resource plus the application it belongs to, for fluent wiring.</summary>
public sealed class ResourceBuilder<T>(DistributedApplicationBuilder application, T resource) where T : Resource
{
    public DistributedApplicationBuilder ApplicationBuilder { get; } = application;
    public T Resource { get; } = resource;
}

/// <summary>The wiring verbs every resource shares (Aspire's names).</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Hands the dependency's connection details (connection string or service URLs) to this resource.</summary>
    public static ResourceBuilder<T> WithReference<T, TDep>(this ResourceBuilder<T> builder, ResourceBuilder<TDep> dependency)
        where T : Resource where TDep : Resource
    {
        builder.Resource.References.Add(dependency.Resource);
        return builder;
    }

    /// <summary>Starts this resource only once the dependency is healthy.</summary>
    public static ResourceBuilder<T> WaitFor<T, TDep>(this ResourceBuilder<T> builder, ResourceBuilder<TDep> dependency)
        where T : Resource where TDep : Resource
    {
        builder.Resource.Waits.Add((dependency.Resource, WaitKind.Healthy));
        return builder;
    }

    /// <summary>Starts this resource only once the (run-once) dependency completed successfully.</summary>
    public static ResourceBuilder<T> WaitForCompletion<T, TDep>(this ResourceBuilder<T> builder, ResourceBuilder<TDep> dependency)
        where T : Resource where TDep : Resource
    {
        builder.Resource.Waits.Add((dependency.Resource, WaitKind.Completion));
        return builder;
    }

    public static ResourceBuilder<T> WithEnvironment<T>(this ResourceBuilder<T> builder, string name, string value)
        where T : Resource
    {
        builder.Resource.Environment[name] = value;
        return builder;
    }
}
