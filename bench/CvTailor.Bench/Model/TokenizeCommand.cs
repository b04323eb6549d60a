using CvTailor.SentenceEncoder;

namespace CvTailor.Bench.Model;

internal static class TokenizeCommand
{
    public static int Run(string text, string? modelDirectory)
    {
        var ids = UseLiteModel.Load(UseLiteModelDirectory.Resolve(modelDirectory)).Tokenize(text);
        Console.WriteLine($"{ids.Length} tokens (the model reads the first {UseLiteModel.MaxTokens}): {string.Join(' ', ids)}");
        return 0;
    }
}
