using System.Numerics.Tensors;

namespace CvTailor.Embeddings.Models;

/// <summary>
/// Scratch buffers for one thread and the forward pass over one pack: the tokens of several sentences laid
/// end to end without padding. Everything but attention works on the packed rows (it is position-wise);
/// attention runs per sentence. This matches the reference, where padded positions are masked out and never pooled.
/// </summary>
internal sealed class UseLiteWorkspace
{
    readonly UseLiteWeights _weights;
    readonly int _tokenCapacity;   // padded to MatMul.TileRows
    readonly int _sentenceCapacity;
    readonly float[] _x;           // layer-0 input, rows × 256
    readonly float[] _normed;      // LayerNorm output, rows × 512
    readonly float[] _wide;        // QKV (rows × 3·width) and then the FFN hidden layer (rows × 1536)
    readonly float[] _heads;       // attention output before its projection, rows × width
    readonly float[] _hidden;      // residual stream, rows × 512
    readonly float[] _pooled;      // sentences × 512
    readonly float[] _projected;   // sentences × 512
    readonly float[] _scores;
    readonly float[] _query;

    public UseLiteWorkspace(UseLiteWeights weights, int maxTokens, int maxSentences)
    {
        _weights = weights;
        _tokenCapacity = RoundUp(maxTokens);
        _sentenceCapacity = RoundUp(maxSentences);
        var width = weights.OutputWidth;
        var wide = weights.Layers.Max(l => Math.Max(3 * l.InputWidth, l.FfnIn.Columns));
        _x = new float[_tokenCapacity * weights.EmbeddingWidth];
        _normed = new float[_tokenCapacity * width];
        _wide = new float[_tokenCapacity * wide];
        _heads = new float[_tokenCapacity * width];
        _hidden = new float[_tokenCapacity * width];
        _pooled = new float[_sentenceCapacity * width];
        _projected = new float[_sentenceCapacity * width];
        _scores = new float[weights.MaxTokens];
        _query = new float[width];
    }

    public int TokenCapacity => _tokenCapacity;

    public int SentenceCapacity => _sentenceCapacity;

    static int RoundUp(int rows) => (rows + MatMul.TileRows - 1) / MatMul.TileRows * MatMul.TileRows;

    /// <summary>
    /// Embeds the sentences of <paramref name="pack"/>; sentence i's unit vector is written to
    /// <c>outputs[pack.OutputIndex[i]]</c>.
    /// </summary>
    public void Run(TokenPack pack, float[][] outputs)
    {
        var n = pack.TokenCount;
        if (n > _tokenCapacity || pack.Count > _sentenceCapacity)
        {
            throw new ArgumentException("The pack exceeds the workspace's capacity.", nameof(pack));
        }
        var rows = RoundUp(n);
        var w = _weights;
        var width = w.OutputWidth;

        Embed(pack);

        // Layer 0: 256 → 512, residual through a learned projection of the pre-LN input.
        var l0 = w.Layers[0];
        LayerNorm(_x, l0.InputWidth, n, l0.AttentionNorm, _normed);
        MatMul.Multiply(_normed, l0.InputWidth, rows, l0.Qkv, l0.QkvBias, _wide, l0.Qkv.Columns, MatMulMode.Overwrite);
        Attention(pack, l0);
        MatMul.Multiply(_x, l0.InputWidth, rows, l0.Residual!, l0.ResidualBias!, _hidden, width, MatMulMode.Overwrite);
        MatMul.Multiply(_heads, l0.InputWidth, rows, l0.AttentionOutput, l0.AttentionOutputBias, _hidden, width, MatMulMode.Accumulate);
        FeedForward(l0, n, rows);

        // Layer 1: 512 wide, identity residual.
        var l1 = w.Layers[1];
        LayerNorm(_hidden, width, n, l1.AttentionNorm, _normed);
        MatMul.Multiply(_normed, width, rows, l1.Qkv, l1.QkvBias, _wide, l1.Qkv.Columns, MatMulMode.Overwrite);
        Attention(pack, l1);
        MatMul.Multiply(_heads, width, rows, l1.AttentionOutput, l1.AttentionOutputBias, _hidden, width, MatMulMode.Accumulate);
        FeedForward(l1, n, rows);

        // No final LayerNorm. Mean over each sentence's tokens (zero for an empty one), tanh layer, L2.
        var sentences = RoundUp(pack.Count);
        for (var s = 0; s < pack.Count; s++)
        {
            var pooled = _pooled.AsSpan(s * width, width);
            pooled.Clear();
            var start = pack.Starts[s];
            var length = pack.Lengths[s];
            for (var t = 0; t < length; t++)
            {
                TensorPrimitives.Add(pooled, _hidden.AsSpan((start + t) * width, width), pooled);
            }
            TensorPrimitives.Divide(pooled, Math.Max(length, 1), pooled);
        }
        MatMul.Multiply(_pooled, width, sentences, w.Tanh, w.TanhBias, _projected, width, MatMulMode.Overwrite);
        for (var s = 0; s < pack.Count; s++)
        {
            var y = _projected.AsSpan(s * width, width);
            TensorPrimitives.Tanh(y, y);
            var scale = 1f / MathF.Sqrt(MathF.Max(TensorPrimitives.SumOfSquares(y), w.L2Floor));
            var output = new float[width];
            TensorPrimitives.Multiply(y, scale, output);
            outputs[pack.OutputIndex[s]] = output;
        }
    }

    /// <summary>x_t = e_t + (e_t + s_t): the graph adds the embedding to (embedding + timing signal).</summary>
    void Embed(TokenPack pack)
    {
        var width = _weights.EmbeddingWidth;
        for (var s = 0; s < pack.Count; s++)
        {
            var start = pack.Starts[s];
            for (var t = 0; t < pack.Lengths[s]; t++)
            {
                var id = pack.Ids[start + t];
                var embedding = _weights.TokenEmbeddings.AsSpan(id * width, width);
                var x = _x.AsSpan((start + t) * width, width);
                TensorPrimitives.Add(embedding, _weights.TimingSignal.AsSpan(t * width, width), x);
                TensorPrimitives.Add(embedding, x, x);
            }
        }
    }

    void FeedForward(TransformerLayerWeights layer, int n, int rows)
    {
        var width = _weights.OutputWidth;
        var hidden = layer.FfnIn.Columns;
        LayerNorm(_hidden, width, n, layer.FfnNorm, _normed);
        MatMul.Multiply(_normed, width, rows, layer.FfnIn, layer.FfnInBias, _wide, hidden, MatMulMode.OverwriteRelu);
        MatMul.Multiply(_wide, hidden, rows, layer.FfnOut, layer.FfnOutBias, _hidden, width, MatMulMode.Accumulate);
    }

    void LayerNorm(float[] input, int width, int n, LayerNormWeights norm, float[] output)
    {
        var epsilon = _weights.LayerNormEpsilon;
        for (var r = 0; r < n; r++)
        {
            var x = input.AsSpan(r * width, width);
            var y = output.AsSpan(r * width, width);
            var mean = TensorPrimitives.Sum(x) / width;
            TensorPrimitives.Subtract(x, mean, y);
            var variance = TensorPrimitives.SumOfSquares(y) / width;
            var inverse = 1f / MathF.Sqrt(variance + epsilon);
            // Like the graph: (γ · rsqrt(var + ε)) · (x − mean) + β.
            var scaled = _query.AsSpan(0, width);
            TensorPrimitives.Multiply(norm.Scale, inverse, scaled);
            TensorPrimitives.FusedMultiplyAdd(scaled, y, norm.Bias, y);
        }
    }

    /// <summary>Multi-head self-attention within each sentence; q is scaled before Q·Kᵀ, softmax over keys.</summary>
    void Attention(TokenPack pack, TransformerLayerWeights layer)
    {
        var width = layer.InputWidth;
        var stride = 3 * width;
        var headSize = layer.HeadSize;
        var query = _query.AsSpan(0, headSize);
        for (var s = 0; s < pack.Count; s++)
        {
            var start = pack.Starts[s];
            var length = pack.Lengths[s];
            var scores = _scores.AsSpan(0, length);
            for (var h = 0; h < layer.Heads; h++)
            {
                var column = h * headSize;
                for (var i = 0; i < length; i++)
                {
                    var qkvRow = (start + i) * stride;
                    TensorPrimitives.Multiply(_wide.AsSpan(qkvRow + column, headSize), layer.QueryScale, query);
                    for (var j = 0; j < length; j++)
                    {
                        scores[j] = TensorPrimitives.Dot(query, _wide.AsSpan(((start + j) * stride) + width + column, headSize));
                    }
                    var max = TensorPrimitives.Max(scores);
                    TensorPrimitives.Subtract(scores, max, scores);
                    TensorPrimitives.Exp(scores, scores);
                    TensorPrimitives.Divide(scores, TensorPrimitives.Sum(scores), scores);

                    var output = _heads.AsSpan(((start + i) * width) + column, headSize);
                    output.Clear();
                    for (var j = 0; j < length; j++)
                    {
                        var value = _wide.AsSpan(((start + j) * stride) + (2 * width) + column, headSize);
                        TensorPrimitives.MultiplyAdd(value, scores[j], output, output);
                    }
                }
            }
        }
    }
}
