namespace CvTailor.Embeddings.Models.Providers;

/// <summary>
/// For hosted models whose tokenizer we do not ship: an upper estimate of BPE tokens (one per 3 characters of a word,
/// at least one per word or punctuation run), so chunks stay within the budget. Chunks are sized to the same
/// 128-token budget as the local model, which keeps retrieval granularity the same across providers.
/// </summary>
public sealed class ApproximateTokenCounter(int maxTokens) : ITokenCounter
{
    public int MaxTokens => maxTokens;

    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = 0;
        var run = 0;
        var previousKind = 0;
        foreach (var ch in text)
        {
            var kind = char.IsWhiteSpace(ch) ? 0 : char.IsLetterOrDigit(ch) ? 1 : 2;
            if (kind != previousKind || kind == 2)
            {
                tokens += (run + 2) / 3;
                run = 0;
            }
            if (kind != 0)
            {
                run++;
            }
            previousKind = kind;
        }
        return tokens + (run + 2) / 3;
    }
}
