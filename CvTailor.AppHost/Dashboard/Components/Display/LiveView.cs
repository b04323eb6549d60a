using Microsoft.AspNetCore.Components;

namespace CvTailor.AppHost.Dashboard.Components.Display;

/// <summary>
/// Base of the pages that follow live data: once interactive, it polls <see cref="CurrentVersion"/> and re-queries
/// (<see cref="Reload"/>) when it changed. Polling at a fixed pace keeps a telemetry flood from re-rendering the page
/// thousands of times a second.
/// </summary>
public abstract class LiveView : ComponentBase, IDisposable
{
    readonly CancellationTokenSource _stop = new();

    protected virtual TimeSpan RefreshInterval => TimeSpan.FromSeconds(1);

    /// <summary>Changes whenever the data behind the page may have changed.</summary>
    protected abstract long CurrentVersion { get; }

    /// <summary>Re-reads the data for the current filters.</summary>
    protected abstract void Reload();

    /// <summary>When false the page keeps what it shows (e.g. a paused live tail).</summary>
    protected virtual bool IsLive => true;

    protected override void OnInitialized() => Reload();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = PollAsync();
        }
    }

    async Task PollAsync()
    {
        using var timer = new PeriodicTimer(RefreshInterval);
        var seen = CurrentVersion;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var version = CurrentVersion;
                if (version != seen && IsLive)
                {
                    seen = version;
                    await InvokeAsync(() =>
                    {
                        Reload();
                        StateHasChanged();
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The circuit closed.
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Cancel();
            _stop.Dispose();
        }
    }
}
