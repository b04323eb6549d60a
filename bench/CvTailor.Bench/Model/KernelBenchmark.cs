using System.Diagnostics;
using CvTailor.SentenceEncoder;

namespace CvTailor.Bench.Model;

/// <summary>GFLOP/s of the packed matmul kernel on the model's largest shape (FFN in: 512 → 1536).</summary>
internal static class KernelBenchmark
{
    public static int Run()
    {
        const int Rows = 900, K = 512, N = 1536;
        var random = new Random(1);
        var a = new float[Rows * K];
        var c = new float[Rows * N];
        var bias = new float[N];
        var b = new float[K * N];
        foreach (var array in new[] { a, b, bias })
        {
            for (var i = 0; i < array.Length; i++)
            {
                array[i] = (float)(random.NextDouble() - 0.5);
            }
        }
        var packed = new PackedMatrix(K, N);
        packed.SetRows(0, b);
        var flop = 2.0 * Rows * K * N;
        var best = 0.0;
        for (var run = 0; run < 15; run++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < 10; i++)
            {
                MatMul.Multiply(a, K, Rows, packed, bias, c, N, MatMulMode.Overwrite);
            }
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            // CPU time: other processes on a shared machine would distort wall-clock time.
            best = Math.Max(best, 10 * flop / cpuSeconds / 1e9);
        }
        Console.WriteLine($"matmul {Rows}x{K} · {K}x{N}: best {best:F1} GFLOP/s on one thread");
        return 0;
    }
}
