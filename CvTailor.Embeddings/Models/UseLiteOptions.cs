using System.ComponentModel.DataAnnotations;
using CvTailor.SentenceEncoder;

namespace CvTailor.Embeddings.Models;

/// <summary>Settings of the local Universal Sentence Encoder Lite model, bound from <c>Embeddings:Local</c>.</summary>
public sealed class UseLiteOptions
{
    public const string SectionName = "Embeddings:Local";

    /// <summary>
    /// Directory holding model.json, vocab.json and the weight shards (as laid out by eng/model/fetch-model.sh).
    /// Empty means the default cache directory, see <see cref="UseLiteModelDirectory.Default"/>.
    /// </summary>
    public string? ModelDirectory { get; set; }

    /// <summary>Worker threads one embedding call may use (packs of sentences are spread over them).</summary>
    [Range(1, 64)]
    public int Threads { get; set; } = 1;

    /// <summary>Most sentences run through the network together; their tokens are packed without padding.</summary>
    [Range(1, 4096)]
    public int MaxPackSentences { get; set; } = 32;

    /// <summary>Most tokens in one pack; bounds the scratch memory (about 13 KB per token per thread).</summary>
    [Range(UseLiteModel.MaxTokens, 65536)]
    public int MaxPackTokens { get; set; } = 1024;

    public UseLiteRunOptions ToRunOptions() => new(Threads, MaxPackSentences, MaxPackTokens);
}
