using CvTailor.LocalPostgres;
using CvTailor.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CvTailor.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster (with pgvector) per test run, started by the same launcher the AppHost uses.
/// Migrations are applied once to a template database; every fixture then gets its own copy
/// (<c>CREATE DATABASE … TEMPLATE</c>), so test classes run in parallel without sharing rows.
/// </summary>
public static class TestPostgres
{
    const string TemplateDatabase = "cvtailor_template";
    const string ClusterPrefix = "cvtailor-test-pg-";
    static readonly Lazy<Task<LocalPostgresServer>> s_server = new(StartAsync);
    static readonly SemaphoreSlim s_templateLock = new(1, 1);
    static int s_counter;

    public static Task<LocalPostgresServer> ServerAsync => s_server.Value;

    static async Task<LocalPostgresServer> StartAsync()
    {
        DeleteAbandonedClusters();
        var state = Path.Combine(Path.GetTempPath(), $"{ClusterPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        LocalPostgresServer server;
        try
        {
            server = await LocalPostgresServer.StartAsync(
                new PostgresLauncherOptions { StateDirectory = state, Ephemeral = true },
                output.Enqueue,
                CancellationToken.None);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"Test PostgreSQL failed to start:\n{string.Join('\n', output)}", ex);
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.StopAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            try
            {
                Directory.Delete(state, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the directory is under the temp root.
            }
        };
        await server.CreateDatabaseAsync(TemplateDatabase, CancellationToken.None);
        // No pooling: a pooled idle connection to the template would block every CREATE DATABASE … TEMPLATE.
        await MigrateAsync(server.GetConnectionString(TemplateDatabase) + ";Pooling=false", CancellationToken.None);
        return server;
    }

    /// <summary>
    /// Deletes clusters left by earlier test runs whose host process is gone. The ProcessExit clean-up does not run when
    /// the runner kills its test host, and each left-over cluster holds a gigabyte or more, so a developer's temp
    /// directory would otherwise fill up run after run.
    /// </summary>
    internal static void DeleteAbandonedClusters()
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), ClusterPrefix + "*"))
        {
            // <prefix><pid>-<guid>: the owner is the test host whose pid the name carries.
            var rest = Path.GetFileName(directory)[ClusterPrefix.Length..];
            var dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !int.TryParse(rest[..dash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
                || pid == Environment.ProcessId || IsRunning(pid))
            {
                continue;
            }
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another run is deleting it too, or it is not ours to delete: leave it.
            }
        }
    }

    static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Applies the EF Core migrations the same way the AppHost's migrate step does.</summary>
    public static Task MigrateAsync(string connectionString, CancellationToken ct) =>
        DatabaseMigrator.MigrateAsync(connectionString, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, ct);

    /// <summary>Creates a fresh, migrated database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix, bool migrated = true)
    {
        var server = await ServerAsync;
        var name = $"{prefix}_{Interlocked.Increment(ref s_counter)}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using var conn = new NpgsqlConnection(server.GetConnectionString() + ";Pooling=false");
        await conn.OpenAsync();
        // A template cannot be copied while anyone is connected to it; serialise the copies.
        await s_templateLock.WaitAsync();
        try
        {
            await using var cmd = new NpgsqlCommand(
                migrated ? $"CREATE DATABASE \"{name}\" TEMPLATE {TemplateDatabase}" : $"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        finally
        {
            s_templateLock.Release();
        }
        return server.GetConnectionString(name);
    }

    public static DbContextOptions<CvTailorDbContext> DbContextOptions(NpgsqlDataSource dataSource) =>
        CvTailorDbContextOptions.Create(dataSource);
}
