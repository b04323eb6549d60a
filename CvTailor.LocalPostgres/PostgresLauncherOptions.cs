namespace CvTailor.LocalPostgres;

/// <summary>How to run a local PostgreSQL cluster from the machine's binaries.</summary>
public sealed record PostgresLauncherOptions
{
    /// <summary>Holds <c>data/</c> (PGDATA), the generated password, the chosen port and the socket directory.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>0 = reuse the persisted port if free, else pick a free loopback port.</summary>
    public int Port { get; init; }

    /// <summary>PostgreSQL's bin directory; null = discover (newest under /usr/lib/postgresql, or PATH).</summary>
    public string? BinDirectory { get; init; }

    /// <summary>Throwaway clusters (tests) trade durability for speed: no fsync, no initdb sync.</summary>
    public bool Ephemeral { get; init; }

    /// <summary>OS user that runs the server when the host runs as root (PostgreSQL refuses to run as root).</summary>
    public string OsUser { get; init; } = "postgres";

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
