namespace CvTailor.Embeddings.Models.Providers;

/// <summary>Counts tokens the way the configured model does, so chunks fit the model's input window.</summary>
public interface ITokenCounter
{
    /// <summary>Most tokens the model reads of one text; the chunker sizes chunks to this or less.</summary>
    int MaxTokens { get; }

    int CountTokens(string text);
}
