using CvTailor.SentenceEncoder;

namespace CvTailor.Bench.Model;

internal static class TokenizeCommand
{
    public static int Run(string text, string? modelDirectory)
    {
        var directory = UseLiteModelDirectory.Resolve(modelDirectory);
        UseLiteModelDirectory.EnsureComplete(directory);
        var tokenizer = UseLiteTokenizer.Load(Path.Combine(directory, "vocab.json"));
        var ids = tokenizer.Encode(text);
        Console.WriteLine($"{ids.Length} tokens (the model reads the first {UseLiteModel.MaxTokens}): {string.Join(' ', ids)}");
        return 0;
    }
}
