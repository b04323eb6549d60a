namespace CvTailor.AppHost.Publishing;

/// <summary>An environment variable whose value is a parameter (a secret in published output).</summary>
public sealed record EnvironmentParameterAnnotation(string Variable, ParameterResource Parameter) : IResourceAnnotation;

/// <summary>A run-once step that, published, happens while images are built (not at run time).</summary>
public sealed record ImageBuildStepAnnotation(string Description) : IResourceAnnotation;
