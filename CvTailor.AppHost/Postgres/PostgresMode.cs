namespace CvTailor.AppHost.Postgres;

/// <summary><c>Postgres:Mode</c>: where PostgreSQL runs.</summary>
public enum PostgresMode
{
    /// <summary>The pgvector container when a container runtime answers, else the machine's binaries.</summary>
    Auto,

    /// <summary>The pgvector container; no runtime is an error.</summary>
    Docker,

    /// <summary>The machine's binaries.</summary>
    Local,
}
