namespace CvTailor.Bench.Model;

internal static class RepositoryRoot
{
    /// <summary>The directory holding CvTailor.sln, searched upwards from the working and the binary directory.</summary>
    public static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CvTailor.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new DirectoryNotFoundException("Run this from inside the CV Tailor repository (CvTailor.sln not found).");
    }
}
