using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace CvTailor.SentenceEncoder;

/// <summary>
/// Reads the TensorFlow.js graph model's weights straight from the package files: model.json's weightsManifest
/// names every tensor with its shape and dtype; the bytes are the shards read back to back, little-endian float32 or
/// int32, none quantised. Tensors are looked up by exact name (the graph mixes <c>module/…</c> and
/// <c>module_apply_default/…</c> prefixes), and matrices are packed into panels while they are read.
/// </summary>
internal static class UseLiteWeightsLoader
{
    const string Apply = "module_apply_default/Encoder_en/KonaTransformer/Encode/";
    const string Stack = Apply + "TransformerStack/";
    const string Module = "module/Encoder_en/KonaTransformer/Encode/";
    const string Cat = "/ConcatPartitions/concat";

    sealed record TensorEntry(string Name, int[] Shape, string DType, long Offset)
    {
        public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
    }

    public static UseLiteWeights Load(string directory)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The model's weights are little-endian; this platform is not.");
        }
        var (entries, shardPaths) = ReadManifest(Path.Combine(directory, "model.json"));
        using var shards = new ShardSet(directory, shardPaths);

        float[] Floats(string name, long? expected = null)
        {
            var entry = Find(entries, name, "float32", expected);
            var data = new float[entry.ElementCount];
            shards.Read(entry.Offset, MemoryMarshal.AsBytes(data.AsSpan()));
            return data;
        }
        float Scalar(string name) => Floats(name, 1)[0];
        int Int(string name)
        {
            var entry = Find(entries, name, "int32", 1);
            Span<int> value = stackalloc int[1];
            shards.Read(entry.Offset, MemoryMarshal.AsBytes(value));
            return value[0];
        }
        PackedMatrix Matrix(string name, int rows, int columns)
        {
            var entry = Find(entries, name, "float32", (long)rows * columns);
            var matrix = new PackedMatrix(rows, columns);
            const int RowsPerRead = 64;
            var buffer = ArrayPool<float>.Shared.Rent(RowsPerRead * columns);
            try
            {
                for (var r = 0; r < rows; r += RowsPerRead)
                {
                    var count = Math.Min(RowsPerRead, rows - r);
                    var span = buffer.AsSpan(0, count * columns);
                    shards.Read(entry.Offset + ((long)r * columns * sizeof(float)), MemoryMarshal.AsBytes(span));
                    matrix.SetRows(r, span);
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(buffer);
            }
            return matrix;
        }
        LayerNormWeights Norm(string prefix, int width) => new(
            Floats(prefix + "layer_norm/layer_norm_scale" + Cat, width),
            Floats(prefix + "layer_norm/layer_norm_bias" + Cat, width));

        var embeddingEntry = Find(entries, "module/Embeddings_en", "float32", null);
        var embeddingRows = embeddingEntry.Shape[0];
        var embeddingWidth = embeddingEntry.Shape[1];
        var embeddings = Floats("module/Embeddings_en");

        var maxTokens = Int("module_apply_default/Encoder_en/KonaTransformer/ClipToMaxLength/Less/y");
        var inverseTimescales = Floats(Stack + "Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1", embeddingWidth / 2);
        var epsilon = Scalar(Stack + "Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Cast/x");
        var heads = Int(Stack + "Layer_1/TransformerLayer/MultiheadAttention/split_heads/split_last_dimension/Reshape/shape/2");
        const int Width = 512;
        const int FfnWidth = 1536;

        var layers = new TransformerLayerWeights[2];
        for (var l = 0; l < layers.Length; l++)
        {
            var input = l == 0 ? embeddingWidth : Width;
            var layer = $"Layer_{l}/TransformerLayer/";
            var headSize = Int(Stack + layer + "MultiheadAttention/split_heads/split_last_dimension/Reshape/shape/3");
            if (headSize * heads != input)
            {
                throw new InvalidDataException($"model.json: layer {l} has {heads} heads of {headSize}, not {input} wide.");
            }
            layers[l] = new TransformerLayerWeights(
                InputWidth: input,
                Heads: heads,
                QueryScale: Scalar(Stack + layer + "MultiheadAttention/mul/y"),
                AttentionNorm: Norm(Apply + layer + "layer_prepostprocess/", input),
                Qkv: Matrix(Module + layer + "MultiheadAttention/qkv_transform_single/kernel/part_0", input, 3 * input),
                QkvBias: Floats(Apply + layer + "MultiheadAttention/qkv_transform_single/bias" + Cat, 3 * input),
                AttentionOutput: Matrix(Module + layer + "MultiheadAttention/output_transform_single/kernel/part_0", input, Width),
                AttentionOutputBias: Floats(Apply + layer + "MultiheadAttention/output_transform_single/bias" + Cat, Width),
                // Layer 0 widens 256 → 512, so its residual is a learned projection of the pre-LN input.
                Residual: l == 0 ? Matrix(Apply + layer + "dense/kernel" + Cat, input, Width) : null,
                ResidualBias: l == 0 ? Floats(Apply + layer + "dense/bias" + Cat, Width) : null,
                FfnNorm: Norm(Apply + layer + "FFN/layer_prepostprocess/", Width),
                FfnIn: Matrix(Stack + layer + "FFN/conv1/Tensordot/Reshape_1", Width, FfnWidth),
                FfnInBias: Floats(Apply + layer + "FFN/conv1/bias" + Cat, FfnWidth),
                FfnOut: Matrix(Stack + layer + "FFN/conv2/Tensordot/Reshape_1", FfnWidth, Width),
                FfnOutBias: Floats(Apply + layer + "FFN/conv2/bias" + Cat, Width));
        }

        return new UseLiteWeights(
            TokenEmbeddings: embeddings,
            EmbeddingRows: embeddingRows,
            EmbeddingWidth: embeddingWidth,
            TimingSignal: BuildTimingSignal(inverseTimescales, maxTokens),
            MaxTokens: maxTokens,
            LayerNormEpsilon: epsilon,
            Layers: layers,
            Tanh: Matrix("module/Encoder_en/hidden_layers/tanh_layer_0/weights", Width, Width),
            TanhBias: Floats("module/Encoder_en/hidden_layers/tanh_layer_0/bias", Width),
            L2Floor: Scalar("module_apply_default/Encoder_en/hidden_layers/l2_normalize/Maximum/y"));
    }

    /// <summary>
    /// Row t is [sin(t·inv_i) …, cos(t·inv_i) …] with the model's stored inverse timescales and float32 products
    /// (recomputing the timescales in double precision differs by up to 3e-8).
    /// </summary>
    static float[] BuildTimingSignal(float[] inverseTimescales, int maxTokens)
    {
        var half = inverseTimescales.Length;
        var table = new float[maxTokens * 2 * half];
        for (var t = 0; t < maxTokens; t++)
        {
            var row = table.AsSpan(t * 2 * half, 2 * half);
            for (var i = 0; i < half; i++)
            {
                var angle = t * inverseTimescales[i];
                row[i] = MathF.Sin(angle);
                row[half + i] = MathF.Cos(angle);
            }
        }
        return table;
    }

    static TensorEntry Find(Dictionary<string, TensorEntry> entries, string name, string dtype, long? expected)
    {
        if (!entries.TryGetValue(name, out var entry))
        {
            throw new InvalidDataException($"model.json: tensor '{name}' not found in the weights manifest.");
        }
        if (entry.DType != dtype || (expected is { } count && entry.ElementCount != count))
        {
            throw new InvalidDataException(
                $"model.json: tensor '{name}' is {entry.DType}[{string.Join(',', entry.Shape)}], expected {dtype} of {expected} elements.");
        }
        return entry;
    }

    static (Dictionary<string, TensorEntry> Entries, List<string> Shards) ReadManifest(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var entries = new Dictionary<string, TensorEntry>(StringComparer.Ordinal);
        var shards = new List<string>();
        long offset = 0;
        foreach (var group in document.RootElement.GetProperty("weightsManifest").EnumerateArray())
        {
            shards.AddRange(group.GetProperty("paths").EnumerateArray().Select(p => p.GetString()!));
            foreach (var weight in group.GetProperty("weights").EnumerateArray())
            {
                if (weight.TryGetProperty("quantization", out _))
                {
                    throw new InvalidDataException($"{path}: quantized weights are not supported.");
                }
                var entry = new TensorEntry(
                    weight.GetProperty("name").GetString()!,
                    [.. weight.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32())],
                    weight.GetProperty("dtype").GetString()!,
                    offset);
                entries[entry.Name] = entry;
                offset += entry.ElementCount * 4; // float32 and int32 alike
            }
        }
        return (entries, shards);
    }

    /// <summary>The shards as one address space, read with positional reads.</summary>
    sealed class ShardSet : IDisposable
    {
        readonly SafeFileHandle[] _handles;
        readonly long[] _starts;

        public ShardSet(string directory, List<string> paths)
        {
            _handles = new SafeFileHandle[paths.Count];
            _starts = new long[paths.Count + 1];
            for (var i = 0; i < paths.Count; i++)
            {
                var file = Path.Combine(directory, paths[i]);
                if (!File.Exists(file))
                {
                    Dispose();
                    throw new FileNotFoundException(
                        $"Weight shard '{paths[i]}' is missing in '{directory}'. Run {UseLiteModelDirectory.FetchScript}.", file);
                }
                _handles[i] = File.OpenHandle(file);
                _starts[i + 1] = _starts[i] + RandomAccess.GetLength(_handles[i]);
            }
        }

        public void Read(long offset, Span<byte> destination)
        {
            while (destination.Length > 0)
            {
                var shard = Array.BinarySearch(_starts, offset);
                shard = shard >= 0 ? shard : ~shard - 1;
                if (shard >= _handles.Length)
                {
                    throw new InvalidDataException("The weight shards are shorter than model.json's manifest.");
                }
                var local = offset - _starts[shard];
                var count = (int)Math.Min(destination.Length, _starts[shard + 1] - offset);
                var read = RandomAccess.Read(_handles[shard], destination[..count], local);
                if (read <= 0)
                {
                    throw new InvalidDataException("Unexpected end of a weight shard.");
                }
                destination = destination[read..];
                offset += read;
            }
        }

        public void Dispose()
        {
            foreach (var handle in _handles)
            {
                handle?.Dispose();
            }
        }
    }
}
