using System.Text;
using System.Text.Json;

namespace CvTailor.SentenceEncoder;

/// <summary>
/// The SentencePiece unigram tokenizer of Universal Sentence Encoder Lite, reproducing the reference runtime
/// exactly, quirks included (see docs/embeddings-model.md):
/// NFKC, a leading "▁" and every U+0020 replaced by "▁"; a Viterbi pass over code points where a best score of
/// 0 counts as unset and ties go to the later (shorter) piece; characters no piece covers become id 0, and each
/// run of consecutive unknowns collapses into one. Empty text (also after NFKC) has no tokens.
/// Returns every token; the model itself reads only the first <see cref="UseLiteModel.MaxTokens"/>.
/// Thread-safe once loaded.
/// </summary>
internal sealed class UseLiteTokenizer
{
    public const int UnknownId = 0;
    public const int WordStart = '\u2581';

    // Ids 0–5 (unknown, <s>, </s>, extra_token_id_1..3) are reserved and never matched.
    const int ReservedCount = 6;

    readonly string[] _pieces;
    readonly int[] _pieceLength;        // UTF-16 length of each piece's text, for backtracking
    readonly Dictionary<long, int> _edges; // (node << 21 | code point) -> child node
    readonly int[] _rootEdges;          // BMP code point -> child of the root (0: none), the most frequent lookup
    readonly int[] _nodePiece;          // piece id ending at a trie node, or -1
    readonly double[] _nodeScore;

    UseLiteTokenizer(string[] pieces, int[] pieceLength, Dictionary<long, int> edges, int[] nodePiece, double[] nodeScore)
    {
        _pieces = pieces;
        _pieceLength = pieceLength;
        _edges = edges;
        _rootEdges = new int[char.MaxValue + 1];
        foreach (var (key, child) in edges)
        {
            if (key >> 21 == 0 && key <= char.MaxValue)
            {
                _rootEdges[key] = child;
            }
        }
        _nodePiece = nodePiece;
        _nodeScore = nodeScore;
    }

    public int VocabularySize => _pieceLength.Length;

    /// <summary>The text of piece <paramref name="id"/> ("\uFFFD" for the unknown id 0).</summary>
    public string GetPiece(int id) => _pieces[id];

    /// <summary>Reads vocab.json: an array of [piece, score] pairs, the id being the index (null scores count as 0).</summary>
    public static UseLiteTokenizer Load(string vocabularyPath)
    {
        var json = File.ReadAllBytes(vocabularyPath);
        var reader = new Utf8JsonReader(json);
        var pieces = new List<(string Piece, double Score)>(8192);
        Expect(ref reader, JsonTokenType.StartArray);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new InvalidDataException($"{vocabularyPath}: expected [piece, score] at entry {pieces.Count}.");
            }
            Expect(ref reader, JsonTokenType.String);
            var piece = reader.GetString()!;
            reader.Read();
            var score = reader.TokenType == JsonTokenType.Null ? 0d : reader.GetDouble();
            Expect(ref reader, JsonTokenType.EndArray);
            pieces.Add((piece, score));
        }
        return Build(pieces);
    }

    static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new InvalidDataException($"vocab.json: expected {type}, found {reader.TokenType}.");
        }
    }

    internal static UseLiteTokenizer Build(IReadOnlyList<(string Piece, double Score)> pieces)
    {
        var pieceLength = new int[pieces.Count];
        var edges = new Dictionary<long, int>(pieces.Count * 3);
        var nodePiece = new List<int> { -1 };
        var nodeScore = new List<double> { 0 };
        for (var id = 0; id < pieces.Count; id++)
        {
            var (piece, score) = pieces[id];
            pieceLength[id] = piece.Length;
            if (id < ReservedCount || piece.Length == 0)
            {
                continue;
            }
            var node = 0;
            for (var i = 0; i < piece.Length; i++)
            {
                var symbol = ReadSymbol(piece, ref i);
                var key = Key(node, symbol);
                if (!edges.TryGetValue(key, out var child))
                {
                    child = nodePiece.Count;
                    nodePiece.Add(-1);
                    nodeScore.Add(0);
                    edges.Add(key, child);
                }
                node = child;
            }
            // A repeated piece (”5 appears three times) keeps its last id and score, as in the reference.
            nodePiece[node] = id;
            nodeScore[node] = score;
        }
        return new UseLiteTokenizer([.. pieces.Select(p => p.Piece)], pieceLength, edges, [.. nodePiece], [.. nodeScore]);
    }

    static long Key(int node, int symbol) => ((long)node << 21) | (uint)symbol;

    /// <summary>One symbol per code point; a lone surrogate is a symbol of its own.</summary>
    static int ReadSymbol(string s, ref int i)
    {
        var c = s[i];
        if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            i++;
            return char.ConvertToUtf32(c, s[i]);
        }
        return c;
    }

    /// <summary>All token ids of <paramref name="text"/> (not truncated).</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var symbols = Preprocess(text);
        return symbols.Length == 0 ? [] : Viterbi(symbols);
    }

    /// <summary>Number of tokens of <paramref name="text"/> before the model's truncation.</summary>
    public int CountTokens(string text) => Encode(text).Length;

    /// <summary>NFKC, then "▁" in front and in place of every space, as code points.</summary>
    internal static int[] Preprocess(string text)
    {
        var normalized = NormalizeKc(text);
        if (normalized.Length == 0)
        {
            return [];
        }
        var symbols = new List<int>(normalized.Length + 1) { WordStart };
        for (var i = 0; i < normalized.Length; i++)
        {
            var symbol = ReadSymbol(normalized, ref i);
            symbols.Add(symbol == ' ' ? WordStart : symbol);
        }
        return [.. symbols];
    }

    /// <summary>
    /// NFKC like JavaScript's String.prototype.normalize: .NET throws on lone surrogates, the reference keeps
    /// them, so the well-formed runs around them are normalized one by one.
    /// </summary>
    internal static string NormalizeKc(string text)
    {
        var firstLone = IndexOfLoneSurrogate(text, 0);
        if (firstLone < 0)
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        var builder = new StringBuilder(text.Length);
        var start = 0;
        for (var lone = firstLone; lone >= 0; lone = IndexOfLoneSurrogate(text, start))
        {
            builder.Append(text.AsSpan(start, lone - start).ToString().Normalize(NormalizationForm.FormKC));
            builder.Append(text[lone]);
            start = lone + 1;
        }
        builder.Append(text[start..].Normalize(NormalizationForm.FormKC));
        return builder.ToString();
    }

    static int IndexOfLoneSurrogate(string s, int from)
    {
        for (var i = from; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    i++;
                    continue;
                }
                return i;
            }
            if (char.IsLowSurrogate(c))
            {
                return i;
            }
        }
        return -1;
    }

    int[] Viterbi(int[] symbols)
    {
        var n = symbols.Length;
        // Scores are summed in double precision like the reference's JavaScript numbers, so ties match.
        var best = new double[n + 1];
        var words = new int[n + 1];
        // Processing start positions in increasing order offers each end position its candidates in the same
        // order as the reference (ends ascending, then starts ascending), so the quirky rule below agrees.
        for (var start = 0; start < n; start++)
        {
            var first = symbols[start];
            var node = first <= char.MaxValue ? _rootEdges[first] : _edges.GetValueOrDefault(Key(0, first));
            var matched = false;
            for (var end = start; node != 0 && end < n; end++)
            {
                if (end > start && !_edges.TryGetValue(Key(node, symbols[end]), out node))
                {
                    break;
                }
                var piece = _nodePiece[node];
                if (piece >= 0)
                {
                    matched = true;
                    Relax(best, words, start, end + 1, piece, _nodeScore[node]);
                }
            }
            if (!matched)
            {
                Relax(best, words, start, start + 1, UnknownId, 0);
            }
        }

        var reversed = new List<int>(n);
        for (var position = n; position > 0; position -= _pieceLength[words[position]])
        {
            var id = words[position];
            // Consecutive unknowns collapse into one.
            if (!(id == UnknownId && reversed.Count > 0 && reversed[^1] == UnknownId))
            {
                reversed.Add(id);
            }
        }
        reversed.Reverse();
        return [.. reversed];
    }

    static void Relax(double[] best, int[] words, int start, int end, int piece, double score)
    {
        var total = score + best[start];
        // 0 doubles as "unset" and ties go to the later candidate: both are the reference's behaviour.
        if (best[end] == 0 || total >= best[end])
        {
            best[end] = total;
            words[end] = piece;
        }
    }
}
