using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CvTailor.SentenceEncoder;

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void FeedForward(TransformerLayerWeights layer, int n, int rows)
    {
        var width = _weights.OutputWidth;
        var hidden = layer.FfnIn.Columns;
        LayerNorm(_hidden, width, n, layer.FfnNorm, _normed);
        MatMul.Multiply(_normed, width, rows, layer.FfnIn, layer.FfnInBias, _wide, hidden, MatMulMode.OverwriteRelu);
        MatMul.Multiply(_wide, hidden, rows, layer.FfnOut, layer.FfnOutBias, _hidden, width, MatMulMode.Accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Attention(TokenPack pack, TransformerLayerWeights layer)
    {
        var width = layer.InputWidth;
        var stride = 3 * width;
        var headSize = layer.HeadSize;
        var query = _query.AsSpan(0, headSize);
        var wide = Vector256.IsHardwareAccelerated && headSize % 32 == 0;
        for (var s = 0; s < pack.Count; s++)
        {
            var start = pack.Starts[s];
            var length = pack.Lengths[s];
            var scores = _scores.AsSpan(0, length);
            for (var h = 0; h < layer.Heads; h++)
            {
                var column = h * headSize;
                var keys = _wide.AsSpan((start * stride) + width + column);
                var values = _wide.AsSpan((start * stride) + (2 * width) + column);
                for (var i = 0; i < length; i++)
                {
                    TensorPrimitives.Multiply(_wide.AsSpan(((start + i) * stride) + column, headSize), layer.QueryScale, query);
                    if (wide)
                    {
                        Scores256(query, keys, stride, scores);
                    }
                    else
                    {
                        for (var j = 0; j < length; j++)
                        {
                            scores[j] = TensorPrimitives.Dot(query, keys.Slice(j * stride, headSize));
                        }
                    }
                    var max = TensorPrimitives.Max(scores);
                    TensorPrimitives.Subtract(scores, max, scores);
                    TensorPrimitives.Exp(scores, scores);
                    TensorPrimitives.Divide(scores, TensorPrimitives.Sum(scores), scores);

                    var output = _heads.AsSpan(((start + i) * width) + column, headSize);
                    if (wide)
                    {
                        WeightedSum256(scores, values, stride, output);
                    }
                    else
                    {
                        output.Clear();
                        for (var j = 0; j < length; j++)
                        {
                            TensorPrimitives.MultiplyAdd(values.Slice(j * stride, headSize), scores[j], output, output);
                        }
                    }
                }
            }
        }
    }

    /// <summary>scores[j] = q · k_j, keys being rows <paramref name="stride"/> apart; q's length is a multiple of 32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Scores256(ReadOnlySpan<float> query, ReadOnlySpan<float> keys, int stride, Span<float> scores)
    {
        ref var q = ref MemoryMarshal.GetReference(query);
        ref var k0 = ref MemoryMarshal.GetReference(keys);
        var size = query.Length;
        if ((long)(scores.Length - 1) * stride + size > keys.Length)
        {
            throw new ArgumentException("Keys are shorter than the scores require.", nameof(keys));
        }
        for (var j = 0; j < scores.Length; j++)
        {
            ref var k = ref Unsafe.Add(ref k0, (nint)j * stride);
            var a0 = Vector256<float>.Zero;
            var a1 = Vector256<float>.Zero;
            var a2 = Vector256<float>.Zero;
            var a3 = Vector256<float>.Zero;
            for (nuint d = 0; d < (nuint)size; d += 32)
            {
                a0 = MulAdd(Vector256.LoadUnsafe(ref q, d), Vector256.LoadUnsafe(ref k, d), a0);
                a1 = MulAdd(Vector256.LoadUnsafe(ref q, d + 8), Vector256.LoadUnsafe(ref k, d + 8), a1);
                a2 = MulAdd(Vector256.LoadUnsafe(ref q, d + 16), Vector256.LoadUnsafe(ref k, d + 16), a2);
                a3 = MulAdd(Vector256.LoadUnsafe(ref q, d + 24), Vector256.LoadUnsafe(ref k, d + 24), a3);
            }
            scores[j] = Vector256.Sum((a0 + a1) + (a2 + a3));
        }
    }

    /// <summary>output = Σ_j weights[j] · v_j, 32 columns at a time held in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void WeightedSum256(ReadOnlySpan<float> weights, ReadOnlySpan<float> values, int stride, Span<float> output)
    {
        ref var v0 = ref MemoryMarshal.GetReference(values);
        ref var o = ref MemoryMarshal.GetReference(output);
        var size = output.Length;
        if ((long)(weights.Length - 1) * stride + size > values.Length)
        {
            throw new ArgumentException("Values are shorter than the weights require.", nameof(values));
        }
        for (nuint d = 0; d < (nuint)size; d += 32)
        {
            var a0 = Vector256<float>.Zero;
            var a1 = Vector256<float>.Zero;
            var a2 = Vector256<float>.Zero;
            var a3 = Vector256<float>.Zero;
            for (var j = 0; j < weights.Length; j++)
            {
                ref var v = ref Unsafe.Add(ref v0, (nint)j * stride);
                var p = Vector256.Create(weights[j]);
                a0 = MulAdd(p, Vector256.LoadUnsafe(ref v, d), a0);
                a1 = MulAdd(p, Vector256.LoadUnsafe(ref v, d + 8), a1);
                a2 = MulAdd(p, Vector256.LoadUnsafe(ref v, d + 16), a2);
                a3 = MulAdd(p, Vector256.LoadUnsafe(ref v, d + 24), a3);
            }
            a0.StoreUnsafe(ref o, d);
            a1.StoreUnsafe(ref o, d + 8);
            a2.StoreUnsafe(ref o, d + 16);
            a3.StoreUnsafe(ref o, d + 24);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<float> MulAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : (a * b) + c;
}
