namespace CvTailor.SentenceEncoder;

/// <summary>LayerNorm parameters: y = (γ · rsqrt(var + ε)) · (x − mean) + β over the last axis.</summary>
internal sealed record LayerNormWeights(float[] Scale, float[] Bias);

/// <summary>One pre-LN transformer layer of the encoder.</summary>
internal sealed record TransformerLayerWeights(
    int InputWidth,
    int Heads,
    float QueryScale,
    LayerNormWeights AttentionNorm,
    PackedMatrix Qkv,
    float[] QkvBias,
    PackedMatrix AttentionOutput,
    float[] AttentionOutputBias,
    PackedMatrix? Residual,
    float[]? ResidualBias,
    LayerNormWeights FfnNorm,
    PackedMatrix FfnIn,
    float[] FfnInBias,
    PackedMatrix FfnOut,
    float[] FfnOutBias)
{
    public int Width => AttentionOutput.Columns;

    public int HeadSize => InputWidth / Heads;
}

/// <summary>The loaded network: embeddings, timing signal, two transformer layers and the tanh projection.</summary>
internal sealed record UseLiteWeights(
    float[] TokenEmbeddings,
    int EmbeddingRows,
    int EmbeddingWidth,
    float[] TimingSignal,
    int MaxTokens,
    float LayerNormEpsilon,
    TransformerLayerWeights[] Layers,
    PackedMatrix Tanh,
    float[] TanhBias,
    float L2Floor)
{
    public int OutputWidth => Tanh.Columns;
}
