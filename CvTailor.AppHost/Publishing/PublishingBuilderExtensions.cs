using CvTailor.AppHost.Hosting;

namespace CvTailor.AppHost.Publishing;

/// <summary>The model verbs that tell publishers what the local run does not need to know (Aspire's names where it has one).</summary>
public static class PublishingBuilderExtensions
{
    /// <summary>A deployment-supplied value; secret ones are generated into the published secret file.</summary>
    public static ParameterDefinition AddParameter(
        this DistributedApplicationBuilder builder, string name, bool secret = false, int generatedLength = 32) =>
        new(name, secret, generatedLength, builder.Configuration[$"Parameters:{name}"]);

    /// <summary>A directory shared by several services (see <see cref="SharedVolume"/>).</summary>
    public static SharedVolume AddSharedVolume(
        this DistributedApplicationBuilder builder, string name, string localPath, string containerPath, string size = "10Gi")
    {
        ArgumentNullException.ThrowIfNull(builder);
        return new SharedVolume(name, localPath, containerPath, size);
    }

    /// <summary>The parameter's value in <paramref name="variable"/>; locally only when configured (else unset).</summary>
    public static ResourceBuilder<T> WithEnvironment<T>(this ResourceBuilder<T> builder, string variable, ParameterDefinition parameter)
        where T : Resource
    {
        if (parameter.LocalValue is { Length: > 0 } value)
        {
            builder.Resource.Environment[variable] = value;
        }
        builder.Resource.Annotations.Add(new EnvironmentParameterAnnotation(variable, parameter));
        return builder;
    }

    /// <summary>The volume's path in <paramref name="variable"/>: the local directory here, the mount point when published.</summary>
    public static ResourceBuilder<T> WithSharedVolume<T>(this ResourceBuilder<T> builder, string variable, SharedVolume volume)
        where T : Resource
    {
        builder.Resource.Environment[variable] = volume.LocalPath;
        builder.Resource.Annotations.Add(new SharedVolumeAnnotation(variable, volume));
        return builder;
    }

    /// <summary>Published, this step runs <typeparamref name="TProject"/>'s image with <paramref name="args"/> once.</summary>
    public static ResourceBuilder<RunOnceResource> PublishAsProjectCommand<TProject>(
        this ResourceBuilder<RunOnceResource> builder, params string[] args)
        where TProject : IProjectMetadata, new()
    {
        builder.Resource.Annotations.Add(new ProjectCommandAnnotation(new TProject(), args));
        return builder;
    }

    /// <summary>Published, this step belongs to the image build; services waiting on it wait for nothing at run time.</summary>
    public static ResourceBuilder<RunOnceResource> PublishAsImageBuildStep(
        this ResourceBuilder<RunOnceResource> builder, string description)
    {
        builder.Resource.Annotations.Add(new ImageBuildStepAnnotation(description));
        return builder;
    }

    /// <summary>Aspire's name: the HTTP endpoint is published outside the deployment (locally it is always reachable).</summary>
    public static ResourceBuilder<ProjectResource> WithExternalHttpEndpoints(this ResourceBuilder<ProjectResource> builder)
    {
        builder.Resource.Annotations.Add(new ExternalHttpEndpointAnnotation());
        return builder;
    }
}
