namespace CvTailor.AppHost.Hosting;

/// <summary>Lifecycle states, named as Aspire's dashboard names them.</summary>
public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    Healthy,
    Unhealthy,
    Finished,
    Exited,
    FailedToStart,
    Stopping,
    Stopped,
}
