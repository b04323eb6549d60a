using System.Globalization;
using System.Security.Cryptography;

namespace CvTailor.AppHost.Hosting;

/// <summary>
/// PostgreSQL with pgvector in the <c>pgvector/pgvector:pg17</c> container, data in a named volume, published on
/// loopback only. Used when a Docker engine answers; the machines this project was built on have none, so this path
/// is exercised only where Docker exists (see docs/apphost.md).
/// </summary>
public sealed class DockerPostgresServer
{
    public const string Image = "pgvector/pgvector:pg17";
    readonly string _container;

    DockerPostgresServer(string container, int port, string password)
    {
        _container = container;
        Port = port;
        Password = password;
    }

    public int Port { get; }
    public string Password { get; }

    public string GetConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password};Database={database}";

    public static async Task<bool> IsEngineAvailableAsync(CancellationToken ct)
    {
        if (!File.Exists("/usr/bin/docker") && !File.Exists("/usr/local/bin/docker"))
        {
            return false;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            var result = await ProcessRunner.RunAsync("docker", ["info", "--format", "{{.ServerVersion}}"], null, timeout.Token);
            return result.ExitCode == 0;
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public static async Task<DockerPostgresServer> StartAsync(
        string name, int port, string stateDirectory, Action<string> log, CancellationToken ct)
    {
        Directory.CreateDirectory(stateDirectory);
        var passwordFile = Path.Combine(stateDirectory, "docker-password");
        if (!File.Exists(passwordFile))
        {
            await File.WriteAllTextAsync(passwordFile, RandomNumberGenerator.GetHexString(24, lowercase: true), ct);
        }
        var password = (await File.ReadAllTextAsync(passwordFile, ct)).Trim();
        port = port > 0 ? port : LocalPostgresServer.FreePort();
        var container = $"cvtailor-{name}";
        await ProcessRunner.RunAsync("docker", ["rm", "-f", container], null, ct);
        var run = await ProcessRunner.RunAsync("docker",
        [
            "run", "-d", "--name", container,
            "-p", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}:5432",
            "-e", $"POSTGRES_PASSWORD={password}",
            "-v", $"{container}-data:/var/lib/postgresql/data",
            Image,
        ], log, ct);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker run {Image} failed: {run.Output}");
        }
        var server = new DockerPostgresServer(container, port, password);
        for (var i = 0; i < 120; i++)
        {
            var ready = await ProcessRunner.RunAsync("docker", ["exec", container, "pg_isready", "-U", "postgres"], null, ct);
            if (ready.ExitCode == 0)
            {
                return server;
            }
            await Task.Delay(500, ct);
        }
        throw new TimeoutException($"The {Image} container did not become ready in 60 s.");
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await ProcessRunner.RunAsync("docker", ["stop", "-t", "30", _container], null, ct);
        await ProcessRunner.RunAsync("docker", ["rm", _container], null, ct);
    }
}
