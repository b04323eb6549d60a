namespace CvTailor.AppHost.Publishing;

/// <summary>
/// A directory several services share (uploads): a local directory when run here, a named volume (compose) or a
/// ReadWriteMany claim (Kubernetes) mounted at <see cref="ContainerPath"/> when published.
/// </summary>
public sealed record SharedVolume(string Name, string LocalPath, string ContainerPath, string Size);
