using Npgsql;

namespace CvTailor.LocalPostgres;

/// <summary>An initialised cluster, ready to start: where it lives, how to reach it, and the server's command line.</summary>
public sealed record LocalPostgresCluster(
    string StateDirectory,
    string BinDirectory,
    string DataDirectory,
    int Port,
    string Password,
    string? RunAsUser,
    IReadOnlyList<string> ServerArguments)
{
    public const string SuperUser = "postgres";

    public string GetConnectionString(string database = "postgres") => ConnectionString(Port, Password, database);

    /// <summary>The superuser's loopback connection string to a cluster on <paramref name="port"/>.</summary>
    public static string ConnectionString(int port, string password, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = SuperUser,
        Password = password,
        Database = database,
    }.ConnectionString;

    /// <summary>
    /// The server's command line for a supervisor that runs it as its own child: under <c>setpriv</c> (as
    /// <see cref="RunAsUser"/> when set), with SIGINT, PostgreSQL's fast shutdown, as the parent-death signal, so the
    /// server stops cleanly even if its supervisor is killed.
    /// </summary>
    public IReadOnlyList<string> SupervisedCommandLine()
    {
        var postgres = Path.Combine(BinDirectory, "postgres");
        if (!ProcessSpawner.HasSetpriv)
        {
            return RunAsUser is null
                ? [postgres, .. ServerArguments]
                : throw new PlatformNotSupportedException($"Running PostgreSQL as '{RunAsUser}' needs util-linux setpriv.");
        }
        List<string> line = ["/usr/bin/setpriv"];
        if (RunAsUser is not null)
        {
            line.AddRange([$"--reuid={RunAsUser}", $"--regid={RunAsUser}", "--init-groups"]);
        }
        // After the uid change: the kernel clears the parent-death signal when credentials change.
        line.AddRange(["--pdeathsig", "INT", "--", postgres, .. ServerArguments]);
        return line;
    }
}
