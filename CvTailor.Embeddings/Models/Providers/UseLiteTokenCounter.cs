using CvTailor.SentenceEncoder;

namespace CvTailor.Embeddings.Models.Providers;

/// <summary>Tokens of the local model's own SentencePiece tokenizer.</summary>
public sealed class UseLiteTokenCounter(UseLiteTokenizer tokenizer) : ITokenCounter
{
    public int MaxTokens => UseLiteModel.MaxTokens;

    public int CountTokens(string text) => tokenizer.CountTokens(text);
}
