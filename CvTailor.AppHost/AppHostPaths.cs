using Microsoft.Extensions.Configuration;

namespace CvTailor.AppHost;

/// <summary>Where the local run keeps its state: PostgreSQL's cluster, its password and port, and uploaded media.</summary>
public static class AppHostPaths
{
    /// <summary><c>AppHost:DataDirectory</c>, else <c>CVTAILOR_DATA_DIR</c>, else <c>.cvtailor/</c> in the repository.</summary>
    public static string DataDirectory(IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Path.GetFullPath(builder.Configuration["AppHost:DataDirectory"]
            ?? Environment.GetEnvironmentVariable("CVTAILOR_DATA_DIR")
            ?? Path.Combine(RepositoryRoot(builder), ".cvtailor"));
    }

    /// <summary>The directory that holds CvTailor.sln (the AppHost project's parent).</summary>
    public static string RepositoryRoot(IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(builder.AppHostDirectory)) ?? builder.AppHostDirectory;
    }
}
