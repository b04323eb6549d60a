namespace CvTailor.SentenceEncoder;

/// <summary>The tokens of several sentences laid end to end (no padding), each already cut to the model's limit.</summary>
internal sealed class TokenPack
{
    public TokenPack(int capacitySentences)
    {
        Starts = new int[capacitySentences];
        Lengths = new int[capacitySentences];
        OutputIndex = new int[capacitySentences];
    }

    public int[] Ids { get; private set; } = [];

    public int TokenCount { get; private set; }

    public int Count { get; private set; }

    public int[] Starts { get; }

    public int[] Lengths { get; }

    public int[] OutputIndex { get; }

    /// <summary>Splits <paramref name="tokens"/> (in order) into packs bounded by sentence and token counts.</summary>
    public static List<TokenPack> Build(IReadOnlyList<int[]> tokens, int maxTokensPerSentence, int maxSentences, int maxTokens)
    {
        var packs = new List<TokenPack>();
        var first = 0;
        while (first < tokens.Count)
        {
            var count = 0;
            var total = 0;
            while (first + count < tokens.Count && count < maxSentences)
            {
                var length = Math.Min(tokens[first + count].Length, maxTokensPerSentence);
                if (count > 0 && total + length > maxTokens)
                {
                    break;
                }
                total += length;
                count++;
            }
            var pack = new TokenPack(count) { Ids = new int[total], TokenCount = total, Count = count };
            var offset = 0;
            for (var s = 0; s < count; s++)
            {
                var source = tokens[first + s];
                var length = Math.Min(source.Length, maxTokensPerSentence);
                source.AsSpan(0, length).CopyTo(pack.Ids.AsSpan(offset));
                pack.Starts[s] = offset;
                pack.Lengths[s] = length;
                pack.OutputIndex[s] = first + s;
                offset += length;
            }
            packs.Add(pack);
            first += count;
        }
        return packs;
    }
}
