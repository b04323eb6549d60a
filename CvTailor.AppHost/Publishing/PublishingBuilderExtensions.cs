using Microsoft.Extensions.Configuration;

namespace CvTailor.AppHost.Publishing;

/// <summary>Model verbs whose local and published forms differ (a directory vs a volume, an optional vs a required secret).</summary>
public static class PublishingBuilderExtensions
{
    /// <summary>A directory shared by several services: <c>{data directory}/{name}</c> here.</summary>
    public static SharedVolume AddSharedVolume(
        this IDistributedApplicationBuilder builder, string name, string containerPath, string size = "10Gi")
    {
        ArgumentNullException.ThrowIfNull(builder);
        return new SharedVolume(name, Path.Combine(AppHostPaths.DataDirectory(builder), name), containerPath, size);
    }

    /// <summary>The volume's path in <paramref name="variable"/>: the local directory here, the mount point when published.</summary>
    public static IResourceBuilder<T> WithSharedVolume<T>(this IResourceBuilder<T> builder, string variable, SharedVolume volume)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(volume);
        var path = builder.ApplicationBuilder.ExecutionContext.IsPublishMode ? volume.ContainerPath : volume.LocalPath;
        return builder.WithEnvironment(variable, path).WithAnnotation(new SharedVolumeAnnotation(variable, volume));
    }

    /// <summary>
    /// The Api's JWT signing key: a generated secret when published; locally only when <c>Parameters:{name}</c> is set
    /// (else null and the Api uses its development key).
    /// </summary>
    public static IResourceBuilder<ParameterResource>? AddJwtSigningKey(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder.AddParameter(name, new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true);
        }
        return string.IsNullOrEmpty(builder.Configuration[$"Parameters:{name}"]) ? null : builder.AddParameter(name, secret: true);
    }

    public static IResourceBuilder<ProjectResource> WithJwtSigningKey(
        this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ParameterResource>? key) =>
        key is null
            ? builder
            : builder.WithEnvironment("Auth__Jwt__SigningKey", key)
                .WithAnnotation(new EnvironmentParameterAnnotation("Auth__Jwt__SigningKey", key.Resource));

    /// <summary>Published, this step belongs to the image build; services waiting on it wait for nothing at run time.</summary>
    public static IResourceBuilder<T> PublishAsImageBuildStep<T>(this IResourceBuilder<T> builder, string description)
        where T : IResource =>
        builder.WithAnnotation(new ImageBuildStepAnnotation(description));
}
