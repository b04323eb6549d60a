using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace CvTailor.LocalPostgres;

/// <summary>
/// A PostgreSQL cluster run from the machine's binaries as a child process of this host: initialised on first use
/// in a persistent state directory, listening on loopback only, with a generated password kept beside the data.
/// Used by the AppHost's postgres resource and by the test fixture, so both run the same server the same way.
/// </summary>
public sealed class LocalPostgresServer : IAsyncDisposable
{
    const string SuperUser = LocalPostgresCluster.SuperUser;
    readonly PostgresLauncherOptions _options;
    readonly Action<string> _output;
    Process? _process;

    LocalPostgresServer(PostgresLauncherOptions options, Action<string> output, int port, string password)
    {
        _options = options;
        _output = output;
        Port = port;
        Password = password;
    }

    public int Port { get; }
    public string Password { get; }
    public int? ProcessId => _process?.HasExited == false ? _process.Id : null;
    public string DataDirectory => Path.Combine(_options.StateDirectory, "data");

    /// <summary>Completes when the server process exits (crash or stop).</summary>
    public Task Exited => _process?.WaitForExitAsync() ?? Task.CompletedTask;

    public string GetConnectionString(string database = "postgres") => LocalPostgresCluster.ConnectionString(Port, Password, database);

    public static async Task<LocalPostgresServer> StartAsync(
        PostgresLauncherOptions options, Action<string> output, CancellationToken ct)
    {
        // A free port can be taken by another process between our probe and the server's bind; with a chosen
        // (not configured) port, forget it and try another.
        for (var attempt = 1; ; attempt++)
        {
            var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
            try
            {
                return await StartOnceAsync(options, line => { lines.Enqueue(line); output(line); }, ct);
            }
            catch (InvalidOperationException) when (options.Port == 0 && attempt < 3
                && lines.Any(l => l.Contains("could not bind", StringComparison.Ordinal)))
            {
                File.Delete(Path.Combine(Path.GetFullPath(options.StateDirectory), "port"));
            }
        }
    }

    static async Task<LocalPostgresServer> StartOnceAsync(
        PostgresLauncherOptions options, Action<string> output, CancellationToken ct)
    {
        var cluster = await PrepareAsync(options, output, ct);
        var server = new LocalPostgresServer(options with { StateDirectory = cluster.StateDirectory }, output, cluster.Port, cluster.Password);
        var psi = ProcessSpawner.CreateStartInfo(Path.Combine(cluster.BinDirectory, "postgres"), cluster.ServerArguments, cluster.RunAsUser);
        psi.RedirectStandardInput = false;
        var process = await ProcessSpawner.Shared.StartAsync(psi);
        server._process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await server.WaitUntilAcceptingAsync(ct);
        return server;
    }

    /// <summary>
    /// Everything before the server process: provisioning check, state directory, password, port, ownership and
    /// initdb on first use. Returns how to run the server, so a process supervisor other than this class (the
    /// AppHost's orchestrator) can start it.
    /// </summary>
    public static async Task<LocalPostgresCluster> PrepareAsync(
        PostgresLauncherOptions options, Action<string> output, CancellationToken ct)
    {
        await PostgresBinaries.EnsureProvisionedAsync(output, ct);
        var bin = PostgresBinaries.Discover(options.BinDirectory);
        var state = Path.GetFullPath(options.StateDirectory);
        Directory.CreateDirectory(state);
        var runAs = UnixSignals.IsRoot ? options.OsUser : null;

        var password = ReadOrCreatePassword(Path.Combine(state, "password"));
        var port = ChoosePort(Path.Combine(state, "port"), options.Port);
        var server = new LocalPostgresServer(options with { StateDirectory = state }, output, port, password);
        var socketDir = Path.Combine(state, "socket");
        Directory.CreateDirectory(socketDir);
        if (runAs is not null)
        {
            await ChownAsync(runAs, state, ct);
        }

        if (!File.Exists(Path.Combine(server.DataDirectory, "PG_VERSION")))
        {
            await server.InitDbAsync(bin, runAs, ct);
        }
        else if (File.Exists(Path.Combine(server.DataDirectory, "postmaster.pid")))
        {
            // PostgreSQL itself removes a stale pid file; a live one means another host owns this directory.
            output("found postmaster.pid; PostgreSQL will check whether it is stale");
        }

        var args = new List<string>
        {
            "-D", server.DataDirectory,
            "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", $"unix_socket_directories={socketDir}",
            "-c", "logging_collector=off",
            "-c", "max_connections=200",
        };
        if (options.Ephemeral)
        {
            args.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }
        return new LocalPostgresCluster(state, bin, server.DataDirectory, port, password, runAs, args);
    }

    async Task InitDbAsync(string bin, string? runAs, CancellationToken ct)
    {
        // initdb reads the password from a file the server user can read; it is removed right after.
        var pwFile = Path.Combine(_options.StateDirectory, ".initdb-pw");
        await File.WriteAllTextAsync(pwFile, Password, ct);
        if (runAs is not null)
        {
            await ChownAsync(runAs, pwFile, ct);
        }
        try
        {
            var args = new List<string>
            {
                "-D", DataDirectory, "-U", SuperUser, $"--pwfile={pwFile}",
                "--auth-host=scram-sha-256", "--auth-local=scram-sha-256",
                "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions",
            };
            if (_options.Ephemeral)
            {
                args.Add("--no-sync");
            }
            var result = await ProcessRunner.RunAsync(Path.Combine(bin, "initdb"), args, null, ct, runAs);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed (exit {result.ExitCode}):\n{result.Output}");
            }
        }
        finally
        {
            File.Delete(pwFile);
        }
    }

    async Task WaitUntilAcceptingAsync(CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        var cs = GetConnectionString() + ";Timeout=2;Pooling=false";
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (_process!.HasExited)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL exited with code {_process.ExitCode} before accepting connections (see its output above).");
            }
            try
            {
                await using var conn = new NpgsqlConnection(cs);
                await conn.OpenAsync(ct);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
            {
                if (deadline.Elapsed > _options.StartTimeout)
                {
                    throw new TimeoutException($"PostgreSQL did not accept connections within {_options.StartTimeout}.", ex);
                }
                await Task.Delay(50, ct);
            }
        }
    }

    /// <summary>Creates <paramref name="database"/> when it does not exist yet.</summary>
    public Task CreateDatabaseAsync(string database, CancellationToken ct) =>
        PostgresAdmin.CreateDatabaseIfMissingAsync(GetConnectionString(), database, ct);

    /// <summary>Fast shutdown (SIGINT: roll back open transactions, checkpoint, exit); SIGKILL after the timeout.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        var p = _process;
        if (p is null || p.HasExited)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        UnixSignals.Send(p.Id, UnixSignals.SigInt);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _output($"PostgreSQL did not stop within {timeout}; killing it");
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(15));
        _process?.Dispose();
    }

    static string ReadOrCreatePassword(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        // 24 URL-safe characters (~143 bits): no quoting issues in connection strings or env variables.
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var password = RandomNumberGenerator.GetString(alphabet, 24);
        File.WriteAllText(path, password);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return password;
    }

    static int ChoosePort(string path, int requested)
    {
        if (requested > 0)
        {
            return requested;
        }
        if (File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), out var saved) && LoopbackPorts.IsFree(saved))
        {
            return saved;
        }
        var port = FreePort();
        File.WriteAllText(path, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return port;
    }

    /// <summary>A loopback port for a listener started later (see <see cref="LoopbackPorts"/>).</summary>
    public static int FreePort() => LoopbackPorts.Choose();

    static async Task ChownAsync(string user, string path, CancellationToken ct)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        // The password file stays readable by the server user only through its directory; PGDATA must be its own.
        var result = await ProcessRunner.RunAsync("chown", ["-R", $"{user}:", path], null, ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown {user} {path} failed: {result.Output}");
        }
        for (var dir = Directory.GetParent(path); dir is not null; dir = dir.Parent)
        {
            var mode = File.GetUnixFileMode(dir.FullName);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                throw new InvalidOperationException(
                    $"The '{user}' OS user cannot reach '{path}' because '{dir.FullName}' is not searchable by others. " +
                    "Choose a data directory outside it (Postgres:DataDirectory / CVTAILOR_DATA_DIR).");
            }
        }
    }
}
