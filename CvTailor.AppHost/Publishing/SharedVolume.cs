namespace CvTailor.AppHost.Publishing;

/// <summary>
/// A directory several services share (uploads): a local directory when run here, a named volume (compose) or a
/// ReadWriteMany claim (Kubernetes) mounted at <see cref="ContainerPath"/> when published.
/// </summary>
public sealed record SharedVolume(string Name, string LocalPath, string ContainerPath, string Size);

/// <summary>An environment variable naming a shared volume's path, with the volume mounted there when published.</summary>
public sealed record SharedVolumeAnnotation(string Variable, SharedVolume Volume) : IResourceAnnotation;
