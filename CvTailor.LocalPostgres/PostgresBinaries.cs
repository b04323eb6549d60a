namespace CvTailor.LocalPostgres;

/// <summary>Finds the PostgreSQL server binaries and makes sure pgvector is installed, provisioning when missing.</summary>
public static class PostgresBinaries
{
    const string DebianRoot = "/usr/lib/postgresql";

    public static string Discover(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, "postgres"))
                ? configured
                : throw new InvalidOperationException($"No 'postgres' binary in configured directory '{configured}'.");
        }
        if (Directory.Exists(DebianRoot))
        {
            var newest = Directory.GetDirectories(DebianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Major: int.TryParse(Path.GetFileName(d), out var m) ? m : 0))
                .Where(x => File.Exists(Path.Combine(x.Dir, "postgres")))
                .OrderByDescending(x => x.Major)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return newest.Dir;
            }
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "postgres")) && File.Exists(Path.Combine(dir, "initdb")))
            {
                return dir;
            }
        }
        throw new InvalidOperationException(
            "PostgreSQL server binaries not found. Run 'sudo eng/provision-postgres.sh' (Debian) or set Postgres:BinDirectory.");
    }

    /// <summary>
    /// Runs <c>eng/provision-postgres.sh</c> when the server or pgvector is missing (the script is a no-op when present).
    /// </summary>
    public static async Task EnsureProvisionedAsync(Action<string> log, CancellationToken ct)
    {
        if (IsVectorInstalled())
        {
            return;
        }
        var script = FindRepoFile(Path.Combine("eng", "provision-postgres.sh"))
            ?? throw new InvalidOperationException("pgvector is not installed and eng/provision-postgres.sh was not found.");
        log($"pgvector missing: running {Path.GetRelativePath(Environment.CurrentDirectory, script)}");
        var result = await ProcessRunner.RunAsync("bash", [script], log, ct);
        if (result.ExitCode != 0 || !IsVectorInstalled())
        {
            throw new InvalidOperationException(
                $"Provisioning PostgreSQL/pgvector failed (exit {result.ExitCode}). Run 'sudo {script}' and retry.");
        }
    }

    static bool IsVectorInstalled()
    {
        if (!Directory.Exists(DebianRoot))
        {
            return false;
        }
        string binDir;
        try
        {
            binDir = Discover(null);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        var major = Path.GetFileName(Path.GetDirectoryName(binDir)!);
        return File.Exists($"/usr/share/postgresql/{major}/extension/vector.control")
               && File.Exists(Path.Combine(DebianRoot, major, "lib", "vector.so"));
    }

    /// <summary>Walks up from the working directory and from this assembly to find a file of the repository.</summary>
    public static string? FindRepoFile(string relative)
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
