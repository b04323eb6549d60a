namespace CvTailor.Api.BackgroundWork;

/// <summary>Processes one queued row by id.</summary>
public interface IWorkRunner
{
    Task RunAsync(Guid id, CancellationToken ct);
}
