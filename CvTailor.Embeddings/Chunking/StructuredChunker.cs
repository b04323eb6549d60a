using System.Diagnostics;
using System.Text;
using CvTailor.Embeddings.Extraction;
using CvTailor.Embeddings.Models.Providers;
using CvTailor.Embeddings.Telemetry;

namespace CvTailor.Embeddings.Chunking;

/// <summary>
/// Chunks by structure: a chunk never spans two sources or two sections; whole paragraphs of a section are packed
/// together while they fit; a paragraph too long for one chunk is cut into windows of words, preferring sentence
/// ends, each window starting with the last <see cref="ChunkingOptions.OverlapTokens"/> tokens of the previous one.
/// Every chunk starts with its section heading (context for retrieval) and is at most the token budget, checked
/// with the model's own tokenizer.
/// </summary>
public sealed class StructuredChunker
{
    readonly ITokenCounter _tokens;
    readonly int _maxTokens;
    readonly int _overlap;
    readonly int _maxChunks;

    public StructuredChunker(ITokenCounter tokens, ChunkingOptions options)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(options);
        _tokens = tokens;
        _maxTokens = Math.Min(options.MaxTokens, tokens.MaxTokens);
        _overlap = Math.Min(options.OverlapTokens, _maxTokens / 2);
        _maxChunks = options.MaxChunksPerArtifact;
    }

    public int MaxTokens => _maxTokens;

    public int OverlapTokens => _overlap;

    public IReadOnlyList<TextChunk> Chunk(IEnumerable<ExtractedSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        using var activity = EmbeddingMetrics.ActivitySource.StartActivity(TelemetryNames.Spans.Chunking);
        var chunks = new List<TextChunk>();
        foreach (var source in sources)
        {
            foreach (var section in Sections(source.Blocks))
            {
                ChunkSection(source.Source, section.Heading, section.Paragraphs, chunks);
                if (chunks.Count >= _maxChunks)
                {
                    activity?.SetTag("cvtailor.chunks.truncated", true);
                    return chunks.GetRange(0, _maxChunks);
                }
            }
        }
        activity?.SetTag("cvtailor.chunks", chunks.Count);
        return chunks;
    }

    static IEnumerable<(string? Heading, List<string> Paragraphs)> Sections(IReadOnlyList<TextBlock> blocks)
    {
        List<string>? paragraphs = null;
        string? heading = null;
        foreach (var block in blocks)
        {
            var text = block.Text.Trim();
            if (text.Length == 0)
            {
                continue;
            }
            if (paragraphs is null || !string.Equals(block.Heading, heading, StringComparison.Ordinal))
            {
                if (paragraphs is { Count: > 0 })
                {
                    yield return (heading, paragraphs);
                }
                paragraphs = [];
                heading = block.Heading;
            }
            paragraphs.Add(text);
        }
        if (paragraphs is { Count: > 0 })
        {
            yield return (heading, paragraphs);
        }
    }

    void ChunkSection(string source, string? heading, List<string> paragraphs, List<TextChunk> chunks)
    {
        // The heading goes first in every chunk of its section, unless it would eat half the budget.
        var prefix = string.IsNullOrWhiteSpace(heading) ? "" : heading.Trim() + "\n";
        if (prefix.Length > 0 && _tokens.CountTokens(prefix.TrimEnd()) > _maxTokens / 2)
        {
            prefix = "";
        }
        var body = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            var candidate = body.Length == 0 ? paragraph : body + "\n" + paragraph;
            if (Count(prefix, candidate) <= _maxTokens)
            {
                body.Clear().Append(candidate);
                continue;
            }
            if (body.Length > 0)
            {
                Emit(source, heading, prefix, body.ToString(), chunks);
                body.Clear();
            }
            if (Count(prefix, paragraph) <= _maxTokens)
            {
                body.Append(paragraph);
            }
            else
            {
                SplitParagraph(source, heading, prefix, paragraph, chunks);
            }
        }
        if (body.Length > 0)
        {
            Emit(source, heading, prefix, body.ToString(), chunks);
        }
    }

    /// <summary>Windows of words with overlap; each window ends at a sentence end when one lies in its second half.</summary>
    void SplitParagraph(string source, string? heading, string prefix, string paragraph, List<TextChunk> chunks)
    {
        var words = SplitLongWords(paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries), prefix).ToArray();
        var wordTokens = words.Select(w => _tokens.CountTokens(w)).ToArray();
        var budget = _maxTokens - (prefix.Length == 0 ? 0 : _tokens.CountTokens(prefix.TrimEnd()));
        var start = 0;
        while (start < words.Length)
        {
            // Greedy by per-word counts (a text's tokens are about the sum of its words'), then made exact below.
            var end = start;
            var sum = 0;
            while (end < words.Length && (end == start || sum + wordTokens[end] <= budget))
            {
                sum += wordTokens[end];
                end++;
            }
            if (end < words.Length)
            {
                for (var i = end - 1; i > start + (end - start) / 2; i--)
                {
                    if (words[i].EndsWith('.') || words[i].EndsWith('!') || words[i].EndsWith('?') || words[i].EndsWith(';'))
                    {
                        end = i + 1;
                        break;
                    }
                }
            }
            while (end - start > 1 && Count(prefix, Join(words, start, end)) > _maxTokens)
            {
                end--;
            }
            Emit(source, heading, prefix, Join(words, start, end), chunks);
            if (end >= words.Length)
            {
                break;
            }

            var next = end;
            var overlap = 0;
            while (next - 1 > start && overlap + wordTokens[next - 1] <= _overlap)
            {
                overlap += wordTokens[next - 1];
                next--;
            }
            start = next;
        }
    }

    /// <summary>A "word" longer than the budget (a hash, a minified line) is cut into pieces that fit.</summary>
    List<string> SplitLongWords(string[] words, string prefix)
    {
        var result = new List<string>(words.Length);
        foreach (var word in words)
        {
            if (Count(prefix, word) <= _maxTokens)
            {
                result.Add(word);
                continue;
            }
            var rest = word;
            while (rest.Length > 0)
            {
                var length = rest.Length;
                while (length > 1 && Count(prefix, rest[..length]) > _maxTokens)
                {
                    length = Math.Max(1, length * 3 / 4);
                }
                result.Add(rest[..length]);
                rest = rest[length..];
            }
        }
        return result;
    }

    static string Join(string[] words, int start, int end) => string.Join(' ', words, start, end - start);

    int Count(string prefix, string body) => _tokens.CountTokens(prefix + body);

    void Emit(string source, string? heading, string prefix, string body, List<TextChunk> chunks)
    {
        var text = prefix + body;
        var tokens = _tokens.CountTokens(text);
        Debug.Assert(tokens <= _maxTokens || body.IndexOf(' ', StringComparison.Ordinal) < 0);
        chunks.Add(new TextChunk(text, source, heading, tokens));
    }
}
