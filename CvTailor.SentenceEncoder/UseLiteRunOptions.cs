namespace CvTailor.SentenceEncoder;

/// <summary>How one embedding call is spread over threads and packs.</summary>
public sealed record UseLiteRunOptions(int Threads = 1, int MaxPackSentences = 32, int MaxPackTokens = 1024)
{
    public static UseLiteRunOptions Default { get; } = new();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPackSentences, 1, nameof(MaxPackSentences));
        // A pack must hold at least one sentence of the longest length the model reads.
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPackTokens, UseLiteModel.MaxTokens, nameof(MaxPackTokens));
    }
}
