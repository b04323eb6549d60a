using CvTailor.AppHost.Hosting;

namespace CvTailor.AppHost.Publishing;

/// <summary>An environment variable whose value is a parameter (a secret in published output).</summary>
public sealed record EnvironmentParameterAnnotation(string Variable, ParameterDefinition Parameter) : IResourceAnnotation;

/// <summary>An environment variable naming a shared volume's path, with the volume mounted there.</summary>
public sealed record SharedVolumeAnnotation(string Variable, SharedVolume Volume) : IResourceAnnotation;

/// <summary>A run-once step that, published, runs a project's image with these arguments to completion.</summary>
public sealed record ProjectCommandAnnotation(IProjectMetadata Project, IReadOnlyList<string> Arguments) : IResourceAnnotation;

/// <summary>A run-once step that, published, happens while images are built (not at run time).</summary>
public sealed record ImageBuildStepAnnotation(string Description) : IResourceAnnotation;

/// <summary>The service's HTTP endpoint is reachable from outside the deployment (compose publishes a host port).</summary>
public sealed record ExternalHttpEndpointAnnotation : IResourceAnnotation;
