using CvTailor.AppHost.Dashboard.Resources;
using CvTailor.AppHost.Hosting;
using HostConsoleLine = CvTailor.AppHost.Hosting.ConsoleLine;

namespace CvTailor.Tests.Dashboard;

/// <summary>The adapter from the AppHost's resource model to the dashboard's catalog.</summary>
public sealed class HostingResourceCatalogTests
{
    [Fact]
    public async Task Resources_states_console_and_commands_flow_through_the_adapter()
    {
        var worker = new ScriptedResource("worker", "Executable");
        var database = new ScriptedResource("db", "Database");
        using var catalog = new HostingResourceCatalog([worker, database]);
        var changes = 0;
        var lines = new List<ConsoleLogLine>();
        catalog.ResourcesChanged += (_, _) => changes++;
        catalog.ConsoleLineWritten += (_, line) => lines.Add(line);

        await worker.StartAsync(CancellationToken.None);
        worker.Environment["API_TOKEN"] = "t0p";
        worker.Console.Add(new HostConsoleLine(DateTimeOffset.UtcNow, "worker", "worker", "hello", false));
        await catalog.RestartAsync("worker");

        var snapshots = catalog.GetResources();
        var w = Assert.Single(snapshots, s => s.Name == "worker");
        Assert.Equal(ResourceType.Executable, w.Type);
        Assert.Equal("Running", w.State);
        Assert.Equal(ResourceHealth.Healthy, w.Health);
        Assert.Equal("t0p", w.Environment["API_TOKEN"]); // raw here; the page masks it
        Assert.True(w.CanControl);
        Assert.False(Assert.Single(snapshots, s => s.Name == "db").CanControl);
        Assert.Equal(2, worker.Starts);
        Assert.Equal(3, changes); // started, stopped, started again
        Assert.Equal("hello", Assert.Single(lines).Text);
        Assert.Equal("", lines[0].ReplicaId);
        Assert.Equal("hello", Assert.Single(catalog.GetConsole("worker", "")).Text);
        await Assert.ThrowsAsync<InvalidOperationException>(() => catalog.StopAsync("nope"));
    }

    /// <summary>A minimal in-process resource: start and stop only change its state.</summary>
    sealed class ScriptedResource(string name, string type) : Resource(name)
    {
        public int Starts { get; private set; }

        public override string Type => type;

        public override Task StartAsync(CancellationToken ct)
        {
            Starts++;
            Health = "Healthy";
            SetState(ResourceState.Running);
            return Task.CompletedTask;
        }

        public override Task StopAsync(CancellationToken ct)
        {
            Health = null;
            SetState(ResourceState.Stopped);
            return Task.CompletedTask;
        }
    }
}
