using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using CvTailor.Api.Generation.Endpoints;
using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Taxonomy;
using CvTailor.Api.QueryEmbeddings;
using CvTailor.Data;
using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pgvector;

namespace CvTailor.Api.Generation.Semantic;

/// <summary>
/// Best-chunk semantic similarity from the vectors the Embeddings worker stored in <c>artifact_chunks</c>: the
/// posting's lines are embedded once, the caller's chunk vectors of the model that made the query vectors are read
/// once at the model's width (an exact search over one user's rows), and every line is scored against every chunk in
/// the Api: for each candidate artifact and line, the closest chunk.
/// One instance serves one ranking; <see cref="Status"/> tells what happened. It never throws for an unavailable
/// service: ranking then proceeds without semantics.
/// </summary>
public sealed partial class ChunkSemanticScorer(
    QueryEmbedder embedder, SkillPhraseIndexCache indexes, CvTailorDbContext db, long userId, string model, int artifactsWithVectors,
    ILogger logger) : ISemanticScorer
{
    const int StoredDimensions = VectorStorage.Wide;

    public string ModelId => model;

    public SemanticStatus Status { get; private set; } = new(SemanticStatus.Used, model, artifactsWithVectors);

    /// <summary>
    /// The status before any ranking: whether the caller has chunk vectors at all (one cheap query, so users without
    /// vectors never wait for the embeddings service), then of the endpoint's model. Returns a scorer only when it
    /// can be used.
    /// </summary>
    public static async Task<(ChunkSemanticScorer? Scorer, SemanticStatus Status)> CreateAsync(
        QueryEmbedder embedder, SkillPhraseIndexCache indexes, CvTailorDbContext db, long userId, IReadOnlyCollection<int> candidateIds,
        ILogger logger, CancellationToken ct)
    {
        if (!embedder.IsEnabled)
        {
            return (null, new SemanticStatus(SemanticStatus.Disabled, embedder.Model, 0));
        }
        if (!embedder.IsConfigured)
        {
            return (null, new SemanticStatus(SemanticStatus.NotConfigured, embedder.Model, 0, "No embeddings service is configured."));
        }
        var ids = candidateIds.ToArray();
        var candidates = db.EnhancedArtifacts.AsNoTracking()
            .Where(e => e.UserId == userId && e.OriginalArtifactId != null && ids.Contains(e.OriginalArtifactId.Value));
        var withAnyVectors = await candidates.Where(e => e.Chunks.Any()).Select(e => e.OriginalArtifactId).Distinct().CountAsync(ct);
        if (withAnyVectors == 0)
        {
            return (null, new SemanticStatus(SemanticStatus.NoVectors, embedder.Model, 0, "None of the candidate artifacts has chunk vectors yet."));
        }
        string model;
        try
        {
            model = await embedder.ResolveModelAsync(ct);
        }
        catch (QueryEmbeddingException ex)
        {
            LogUnavailable(logger, ex, embedder.Model);
            return (null, new SemanticStatus(SemanticStatus.Unavailable, embedder.Model, withAnyVectors,
                "The embeddings service could not be reached; ranked without semantic similarity."));
        }
        var withVectors = await candidates.Where(e => e.Chunks.Any(c => c.ModelUsed == model))
            .Select(e => e.OriginalArtifactId).Distinct().CountAsync(ct);
        if (withVectors == 0)
        {
            return (null, new SemanticStatus(SemanticStatus.NoVectors, model, 0, "None of the candidate artifacts has chunk vectors of this model yet."));
        }
        var scorer = new ChunkSemanticScorer(embedder, indexes, db, userId, model, withVectors, logger);
        return (scorer, scorer.Status);
    }

    public async Task<SemanticScores> ScoreAsync(IReadOnlyList<string> queries, IReadOnlyList<ArtifactProfile> artifacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(artifacts);
        if (queries.Count == 0 || artifacts.Count == 0)
        {
            return SemanticScores.Empty;
        }

        float[][] vectors;
        string vectorModel;
        try
        {
            (vectorModel, vectors) = await embedder.EmbedAsync(queries, cancellationToken);
        }
        catch (QueryEmbeddingException ex)
        {
            LogUnavailable(logger, ex, model);
            Status = Status with { Status = SemanticStatus.Unavailable, Detail = "The embeddings service could not be reached; ranked without semantic similarity." };
            return SemanticScores.Empty;
        }
        if (!string.Equals(vectorModel, model, StringComparison.Ordinal))
        {
            // The service switched models since the rows were counted: never compare vectors of two models.
            Status = Status with { Status = SemanticStatus.Unavailable, Detail = $"The embeddings service answered with model '{vectorModel}', not '{model}'." };
            return SemanticScores.Empty;
        }
        if (vectors.Any(v => v.Length > StoredDimensions))
        {
            Status = Status with { Status = SemanticStatus.Unavailable, Detail = $"The model's vectors are wider than {StoredDimensions}." };
            return SemanticScores.Empty;
        }

        var index = new Dictionary<int, int>();
        for (var a = 0; a < artifacts.Count; a++)
        {
            index[int.Parse(artifacts[a].Id, CultureInfo.InvariantCulture)] = a;
        }
        var similarity = new float[artifacts.Count][];
        var best = new int[artifacts.Count][];
        for (var a = 0; a < artifacts.Count; a++)
        {
            similarity[a] = new float[queries.Count];
            best[a] = new int[queries.Count];
        }

        // One pass: each of the caller's chunk vectors of this model is read once (in pgvector's own binary form, at
        // the model's width) and scored against every query line here, instead of one distance per (line, chunk) pair
        // in SQL, which fetched each out-of-line vector again for every line.
        var queryVectors = vectors.Select(Normalised).ToArray();
        var dims = vectors[0].Length;
        var bestChunk = new Guid[artifacts.Count][];
        for (var a = 0; a < artifacts.Count; a++)
        {
            Array.Fill(similarity[a], float.NegativeInfinity);
            bestChunk[a] = new Guid[queries.Count];
        }

        var bestChunks = new List<(int Artifact, int Query, Guid Chunk)>();
        using var activity = GenerationTelemetry.Source.StartActivity(TelemetryNames.Spans.SemanticScoring);
        activity?.SetTag(GenerationTelemetry.QueryLinesTag, queries.Count);
        var chunksRead = 0;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using (var command = new NpgsqlCommand(ChunkVectorsSql(dims), connection))
            {
                command.Parameters.AddWithValue("user_id", userId);
                command.Parameters.AddWithValue("model", model);
                command.Parameters.AddWithValue("ids", index.Keys.ToArray());
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    chunksRead++;
                    var a = index[reader.GetInt32(0)];
                    var chunk = reader.GetGuid(1);
                    var vector = reader.GetFieldValue<Vector>(2).Memory.Span;
                    var norm = TensorPrimitives.Norm(vector);
                    if (norm == 0 || vector.Length != dims)
                    {
                        continue;
                    }
                    var row = similarity[a];
                    for (var q = 0; q < queryVectors.Length; q++)
                    {
                        var sim = TensorPrimitives.Dot(queryVectors[q], vector) / norm;
                        if (sim > row[q])
                        {
                            row[q] = sim;
                            bestChunk[a][q] = chunk;
                        }
                    }
                }
            }

            for (var a = 0; a < artifacts.Count; a++)
            {
                for (var q = 0; q < queries.Count; q++)
                {
                    if (float.IsNegativeInfinity(similarity[a][q]))
                    {
                        similarity[a][q] = 0;
                    }
                    else
                    {
                        bestChunks.Add((a, q, bestChunk[a][q]));
                    }
                }
            }

            var chunkIds = bestChunks.Select(b => b.Chunk).Distinct().ToArray();
            var contents = new Dictionary<Guid, string>();
            await using (var command = new NpgsqlCommand("SELECT id, content FROM artifact_chunks WHERE id = ANY(@ids)", connection))
            {
                command.Parameters.AddWithValue("ids", chunkIds);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    contents[reader.GetGuid(0)] = reader.GetString(1);
                }
            }

            var sentenceOf = new Dictionary<(int, Guid), int>();
            foreach (var (a, q, chunk) in bestChunks)
            {
                if (!sentenceOf.TryGetValue((a, chunk), out var sentence))
                {
                    sentence = Locators.GetValue(artifacts[a].Sentences, sentences => new SentenceLocator(sentences))
                        .SentenceOf(contents.GetValueOrDefault(chunk, ""));
                    sentenceOf[(a, chunk)] = sentence;
                }
                best[a][q] = sentence;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        activity?.SetTag(GenerationTelemetry.ChunksTag, chunksRead);
        return new SemanticScores(similarity, best);
    }

    public async Task<IReadOnlyList<int?>> ResolveSkillsAsync(
        IReadOnlyList<string> phrases, SkillTaxonomy taxonomy, double threshold, double margin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        if (phrases.Count == 0)
        {
            return [];
        }
        try
        {
            Task<float[][]> Embed(IReadOnlyList<string> texts, CancellationToken ct) => embedder.EmbedOfModelAsync(texts, model, ct);
            var index = await indexes.GetAsync(taxonomy, model, Embed, cancellationToken);
            return await index.ResolveAsync(phrases, Embed, threshold, margin, cancellationToken);
        }
        catch (QueryEmbeddingException ex)
        {
            // The keywords then keep only their lexical evidence, as without semantics.
            LogUnavailable(logger, ex, model);
            return new int?[phrases.Count];
        }
    }

    /// <summary>
    /// The caller's chunk vectors of the model, each once, at the model's width (from the column for that width,
    /// see <see cref="VectorStorage"/>), as <c>vector</c>: its binary form is the floats in a row, which both sides
    /// copy straight through, where a <c>float4[]</c> cast costs the server an array build and the client a nested
    /// read per element (about 10 ms more per match for 565 chunks of 512 on the server alone).
    /// </summary>
    public static string ChunkVectorsSql(int dimensions) => $"""
        SELECT e.original_artifact_id, c.id, {VectorStorage.ChunkVectorSql(dimensions, "c")}
        FROM enhanced_artifacts e
        JOIN artifact_chunks c ON c.artifact_id = e.id
        WHERE e.user_id = @user_id AND c.model_used = @model AND e.original_artifact_id = ANY(@ids)
        """;

    static float[] Normalised(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        var result = new float[vector.Length];
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, result);
        }
        return result;
    }

    /// <summary>
    /// Where each chunk text lies among an artifact's sentences, kept with the artifact's analysed sentences (the same
    /// list for every match of the same texts, see <see cref="ArtifactAnalyzer"/>): a match no longer normalises
    /// 200 artifacts' sentences and searches them again for chunks it placed before. Dropped with the analysis.
    /// </summary>
    static readonly ConditionalWeakTable<IReadOnlyList<string>, SentenceLocator> Locators = new();

    /// <summary>One artifact's sentences normalised once, and the sentence found for each chunk text (a pure function of both).</summary>
    sealed class SentenceLocator(IReadOnlyList<string> sentences)
    {
        // Chunk texts of uploaded files are not part of the analysis's key, so they can change under it: bounded.
        const int Limit = 256;
        readonly Lazy<string[]> _normalised = new(() => [.. sentences.Select(Normalise)]);
        readonly ConcurrentDictionary<string, int> _found = new(StringComparer.Ordinal);

        public int SentenceOf(string chunk)
        {
            if (_found.TryGetValue(chunk, out var sentence))
            {
                return sentence;
            }
            sentence = SentenceWithin(_normalised.Value, chunk);
            if (_found.Count >= Limit)
            {
                _found.Clear();
            }
            _found[chunk] = sentence;
            return sentence;
        }
    }

    /// <summary>The artifact sentence the chunk holds (description sentences first, the title last), so evidence quotes the artifact itself.</summary>
    static int SentenceWithin(string[] sentences, string chunk)
    {
        if (chunk.Length == 0)
        {
            return 0;
        }
        var text = Normalise(chunk);
        for (var s = 1; s < sentences.Length; s++)
        {
            if (text.Contains(sentences[s], StringComparison.Ordinal))
            {
                return s;
            }
        }
        // No whole sentence inside (a chunk of an uploaded document): the sentence sharing most words with it.
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var bestSentence = 0;
        var bestOverlap = 0;
        for (var s = 0; s < sentences.Length; s++)
        {
            var overlap = sentences[s].Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(words.Contains);
            if (overlap > bestOverlap)
            {
                bestOverlap = overlap;
                bestSentence = s;
            }
        }
        return bestSentence;
    }

    /// <summary>
    /// Lower case (invariant), words separated by one space, no space at either end: what
    /// <c>string.Join(' ', text.ToLowerInvariant().Split(null, RemoveEmptyEntries))</c> gives, in one pass and one string.
    /// </summary>
    static string Normalise(string text)
    {
        var buffer = text.Length <= 1024 ? stackalloc char[text.Length] : new char[text.Length];
        text.AsSpan().ToLowerInvariant(buffer);
        var length = 0;
        var space = false;
        foreach (var c in buffer)
        {
            if (char.IsWhiteSpace(c))
            {
                space = length > 0;
                continue;
            }
            if (space)
            {
                buffer[length++] = ' ';
                space = false;
            }
            buffer[length++] = c;
        }
        return new string(buffer[..length]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embeddings service unavailable for model {Model}; ranking without semantic similarity")]
    static partial void LogUnavailable(ILogger logger, Exception exception, string model);
}
