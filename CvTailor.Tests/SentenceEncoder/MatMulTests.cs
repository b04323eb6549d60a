using CvTailor.SentenceEncoder;

namespace CvTailor.Tests.SentenceEncoder;

/// <summary>
/// The packed matmul kernels (AVX2/FMA and the portable one) against a plain triple loop, on shapes that exercise
/// the K blocking.
/// </summary>
public sealed class MatMulTests
{
    [Theory]
    [InlineData(6, 32, 16, MatMulMode.Overwrite, false)]
    [InlineData(12, 300, 48, MatMulMode.OverwriteRelu, false)]
    [InlineData(126, 1100, 32, MatMulMode.Accumulate, false)]
    [InlineData(246, 256, 64, MatMulMode.Overwrite, false)]
    [InlineData(12, 600, 48, MatMulMode.OverwriteRelu, true)]
    [InlineData(126, 1100, 32, MatMulMode.Accumulate, true)]
    internal void Matches_naive_product(int rows, int k, int n, MatMulMode mode, bool portable)
    {
        var random = new Random(rows * 31 + k);
        float Next() => (float)(random.NextDouble() * 2 - 1);
        var a = Enumerable.Range(0, rows * k).Select(_ => Next()).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => Next()).ToArray();
        var bias = Enumerable.Range(0, n).Select(_ => Next()).ToArray();
        var c = Enumerable.Range(0, rows * n).Select(_ => Next()).ToArray();
        var expected = new float[rows * n];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = bias[j];
                for (var x = 0; x < k; x++)
                {
                    sum += (double)a[i * k + x] * b[x * n + j];
                }
                expected[i * n + j] = mode switch
                {
                    MatMulMode.Accumulate => (float)(c[i * n + j] + sum),
                    MatMulMode.OverwriteRelu => (float)Math.Max(sum, 0),
                    _ => (float)sum,
                };
            }
        }
        var packed = new PackedMatrix(k, n);
        packed.SetRows(0, b);

        MatMul.Multiply(a, k, rows, packed, bias, c, n, mode, portable);

        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - c[i]) < 1e-4f, $"element {i}: {expected[i]} vs {c[i]}");
        }
    }
}
