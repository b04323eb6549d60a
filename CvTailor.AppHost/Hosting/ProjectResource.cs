using System.Diagnostics;
using System.Globalization;

namespace CvTailor.AppHost.Hosting;

/// <summary>
/// A .NET project run as child processes (one per replica) with Aspire's environment, health-polled on
/// <c>/health</c>, and restarted with back-off when it crashes after having started.
/// </summary>
public sealed class ProjectResource(string name, IProjectMetadata metadata, HostEnvironment host) : Resource(name)
{
    readonly List<ProjectReplica> _replicas = [];

    public IProjectMetadata Metadata { get; } = metadata;
    public int HttpPort { get; set; }
    public int ReplicaCount { get; set; } = 1;
    public List<string> Arguments { get; } = [];
    internal HostEnvironment Host { get; } = host;

    public override string Type => "Project";
    public IReadOnlyList<ProjectReplica> Replicas => _replicas;

    public override IReadOnlyList<string> Endpoints => _replicas.Select(r => r.Url).ToList();

    public override async Task StartAsync(CancellationToken ct)
    {
        StartedAt = DateTimeOffset.UtcNow;
        SetState(ResourceState.Starting);
        try
        {
            await Host.Prepared.WaitAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SetState(ResourceState.FailedToStart, $"host preparation failed: {ex.Message}");
            return;
        }
        if (!File.Exists(Metadata.AssemblyPath))
        {
            SetState(ResourceState.FailedToStart, $"{Metadata.AssemblyPath} not found; build the solution first");
            return;
        }
        if (_replicas.Count == 0)
        {
            for (var i = 0; i < ReplicaCount; i++)
            {
                var port = i == 0 && HttpPort > 0 ? HttpPort : LocalPostgresServer.FreePort();
                _replicas.Add(new ProjectReplica(this, i, port));
            }
        }
        foreach (var replica in _replicas)
        {
            await replica.StartAsync(ct);
        }
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        SetState(ResourceState.Stopping);
        await Task.WhenAll(_replicas.Select(r => r.StopAsync()));
        Health = null;
        SetState(ResourceState.Stopped);
    }

    /// <summary>The project's state is its replicas' worst.</summary>
    internal void OnReplicaChanged()
    {
        if (State is ResourceState.Stopping or ResourceState.Stopped)
        {
            return;
        }
        var states = _replicas.Select(r => r.State).ToList();
        ResourceState next =
            states.Contains(ResourceState.FailedToStart) ? ResourceState.FailedToStart :
            states.Contains(ResourceState.Exited) ? ResourceState.Exited :
            states.Contains(ResourceState.Starting) ? ResourceState.Starting :
            states.Contains(ResourceState.Unhealthy) ? ResourceState.Unhealthy :
            states.All(s => s == ResourceState.Healthy) ? ResourceState.Healthy :
            ResourceState.Running;
        Health = next switch
        {
            ResourceState.Healthy => "Healthy",
            ResourceState.Unhealthy or ResourceState.Exited => "Unhealthy",
            _ => null,
        };
        var detail = _replicas.Select(r => r.Detail).FirstOrDefault(d => d is not null);
        if (next != State || detail != StateDetail)
        {
            SetState(next, detail);
        }
    }

    /// <summary>Aspire's convention: <c>services__{name}__http__{i}</c> per replica.</summary>
    public override IEnumerable<KeyValuePair<string, string>> GetReferenceEnvironment() =>
        _replicas.Select((r, i) => new KeyValuePair<string, string>(
            $"services__{Name}__http__{i.ToString(CultureInfo.InvariantCulture)}", r.Url));

    internal void AddConsoleLine(ConsoleLine line) => Console.Add(line);
}

/// <summary>One process of a project resource.</summary>
public sealed class ProjectReplica(ProjectResource project, int index, int port)
{
    static readonly HttpClient s_health = new() { Timeout = TimeSpan.FromSeconds(5) };
    Process? _process;
    CancellationTokenSource? _lifetime;
    bool _everHealthy;
    int _restarts;

    public int Index { get; } = index;
    public int Port { get; } = port;
    public string Url => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";
    public string InstanceId { get; private set; } = "";
    public string ReplicaName => project.ReplicaCount == 1 ? project.Name : $"{project.Name}-{Index}";
    public ResourceState State { get; private set; } = ResourceState.NotStarted;
    public string? Detail { get; private set; }
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;
    public int Restarts => _restarts;
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    void Set(ResourceState state, string? detail = null)
    {
        State = state;
        Detail = detail;
        project.OnReplicaChanged();
    }

    public async Task StartAsync(CancellationToken ct)
    {
        _lifetime = new CancellationTokenSource();
        InstanceId = $"{ReplicaName}-{Guid.NewGuid().ToString("N")[..8]}";
        BuildEnvironment();
        var psi = ProcessSpawner.CreateStartInfo("dotnet", [project.Metadata.AssemblyPath, .. project.Arguments]);
        psi.RedirectStandardInput = false;
        psi.WorkingDirectory = Path.GetDirectoryName(project.Metadata.ProjectPath)!;
        foreach (var (k, v) in Environment)
        {
            psi.Environment[k] = v;
        }
        Set(ResourceState.Starting);
        try
        {
            _process = await ProcessSpawner.Shared.StartAsync(psi);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Set(ResourceState.FailedToStart, ex.Message);
            return;
        }
        var process = _process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, isError: true);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _ = SuperviseAsync(process, _lifetime.Token);
        _ = PollHealthAsync(_lifetime.Token);
        await Task.CompletedTask.WaitAsync(ct);
    }

    void BuildEnvironment()
    {
        Environment.Clear();
        foreach (var (k, v) in project.Host.ChildEnvironment)
        {
            Environment[k] = v;
        }
        Environment["ASPNETCORE_URLS"] = Url;
        Environment["OTEL_SERVICE_NAME"] = project.Name;
        Environment["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={InstanceId}";
        foreach (var reference in project.References)
        {
            foreach (var (k, v) in reference.GetReferenceEnvironment())
            {
                Environment[k] = v;
            }
        }
        foreach (var (k, v) in project.Environment)
        {
            Environment[k] = v;
        }
    }

    void OnLine(string? text, bool isError)
    {
        if (text is not null)
        {
            project.AddConsoleLine(new ConsoleLine(DateTimeOffset.UtcNow, project.Name, ReplicaName, text, isError));
        }
    }

    async Task SuperviseAsync(Process process, CancellationToken lifetime)
    {
        await process.WaitForExitAsync(CancellationToken.None);
        if (lifetime.IsCancellationRequested || project.Host.Stopping.IsCancellationRequested)
        {
            return;
        }
        var code = process.ExitCode;
        if (!_everHealthy)
        {
            Set(ResourceState.FailedToStart, $"exited with code {code} before becoming healthy");
            return;
        }
        // Crashed after a good start: report and restart with exponential back-off (1 s … 30 s).
        var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, _restarts)));
        Set(ResourceState.Exited, $"exited with code {code}; restarting in {delay.TotalSeconds:0} s");
        _restarts++;
        try
        {
            await Task.Delay(delay, lifetime);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        _everHealthy = false;
        await StartAsync(CancellationToken.None);
        _everHealthy = true; // the restart is judged by health polling; a crash again keeps restarting
    }

    async Task PollHealthAsync(CancellationToken lifetime)
    {
        var healthUrl = Url + "/health";
        while (!lifetime.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(State == ResourceState.Starting ? 100 : 1000, lifetime);
                using var response = await s_health.GetAsync(healthUrl, lifetime);
                if (response.IsSuccessStatusCode)
                {
                    _everHealthy = true;
                    if (State != ResourceState.Healthy)
                    {
                        Set(ResourceState.Healthy);
                    }
                }
                else if (State is ResourceState.Healthy or ResourceState.Starting or ResourceState.Running)
                {
                    Set(_everHealthy ? ResourceState.Unhealthy : ResourceState.Running, $"/health answered {(int)response.StatusCode}");
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException) when (State is ResourceState.Healthy)
            {
                Set(ResourceState.Unhealthy, "/health unreachable");
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }
    }

    /// <summary>SIGTERM (graceful ASP.NET Core shutdown), then SIGKILL after 10 s.</summary>
    public async Task StopAsync()
    {
        if (_lifetime is not null)
        {
            await _lifetime.CancelAsync();
        }
        var p = _process;
        if (p is not null && !p.HasExited)
        {
            UnixSignals.Send(p.Id, UnixSignals.SigTerm);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await p.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync(CancellationToken.None);
            }
        }
        State = ResourceState.Stopped;
    }
}
