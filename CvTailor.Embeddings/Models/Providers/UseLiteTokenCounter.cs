using CvTailor.SentenceEncoder;

namespace CvTailor.Embeddings.Models.Providers;

/// <summary>Tokens of the local model's own SentencePiece tokenizer.</summary>
public sealed class UseLiteTokenCounter(UseLiteModel model) : ITokenCounter
{
    public int MaxTokens => UseLiteModel.MaxTokens;

    public int CountTokens(string text) => model.CountTokens(text);
}
