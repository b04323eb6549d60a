namespace CvTailor.AppHost.Publishing;

/// <summary>Writes one deployment format from the published application; returns the files it wrote (relative).</summary>
public interface IPublisher
{
    Task<IReadOnlyList<string>> PublishAsync(PublishedApplication app, PublishOptions options, CancellationToken ct);
}
