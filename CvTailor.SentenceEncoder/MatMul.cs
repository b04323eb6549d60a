using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CvTailor.SentenceEncoder;

internal enum MatMulMode
{
    /// <summary>C = A·B + bias</summary>
    Overwrite,
    /// <summary>C = max(A·B + bias, 0)</summary>
    OverwriteRelu,
    /// <summary>C += A·B + bias</summary>
    Accumulate,
}

/// <summary>
/// Dense matmul against a <see cref="PackedMatrix"/>: a 6-row × 16-column register tile (12 accumulators of
/// 8 floats with FMA), blocked over K so a panel slice stays in L1 and a block of A rows in L2.
/// </summary>
internal static class MatMul
{
    public const int TileRows = 6;
    const int BlockK = 512;
    const int BlockRows = 120;

    static readonly bool UseWideKernel = Vector256.IsHardwareAccelerated && Fma.IsSupported;

    /// <summary>
    /// Computes <paramref name="rows"/> rows (a multiple of <see cref="TileRows"/>; callers pad their buffers) of
    /// C (row stride <paramref name="ldc"/>) from A (row stride <paramref name="lda"/>, K = <c>b.Rows</c> columns).
    /// </summary>
    public static void Multiply(
        ReadOnlySpan<float> a, int lda, int rows, PackedMatrix b, ReadOnlySpan<float> bias, Span<float> c, int ldc,
        MatMulMode mode, bool portable = false)
    {
        var wideKernel = UseWideKernel && !portable;
        if (rows % TileRows != 0)
        {
            throw new ArgumentException($"Row count {rows} is not a multiple of {TileRows}.", nameof(rows));
        }
        if (rows == 0)
        {
            return;
        }
        var k = b.Rows;
        var n = b.Columns;
        if (a.Length < ((rows - 1) * lda) + k || c.Length < ((rows - 1) * ldc) + n || bias.Length < n)
        {
            throw new ArgumentException("Buffers are smaller than the shapes require.");
        }

        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var c0 = ref MemoryMarshal.GetReference(c);
        ref var bias0 = ref MemoryMarshal.GetReference(bias);
        ref var b0 = ref MemoryMarshal.GetArrayDataReference(b.Data);

        for (var kb = 0; kb < k; kb += BlockK)
        {
            var kc = Math.Min(BlockK, k - kb);
            var first = kb == 0;
            var last = kb + kc == k;
            var loadC = !first || mode == MatMulMode.Accumulate;
            var relu = last && mode == MatMulMode.OverwriteRelu;
            for (var mb = 0; mb < rows; mb += BlockRows)
            {
                var mEnd = Math.Min(rows, mb + BlockRows);
                for (var p = 0; p < b.PanelCount; p++)
                {
                    var col = p * PackedMatrix.PanelWidth;
                    ref var panel = ref Unsafe.Add(ref b0, ((nint)p * k + kb) * PackedMatrix.PanelWidth);
                    ref var biasTile = ref Unsafe.Add(ref bias0, col);
                    for (var i = mb; i < mEnd; i += TileRows)
                    {
                        ref var aTile = ref Unsafe.Add(ref a0, (nint)i * lda + kb);
                        ref var cTile = ref Unsafe.Add(ref c0, (nint)i * ldc + col);
                        if (wideKernel)
                        {
                            Kernel256(ref aTile, lda, ref panel, kc, ref cTile, ldc, ref biasTile, first, loadC, relu);
                        }
                        else
                        {
                            Kernel128(ref aTile, lda, ref panel, kc, ref cTile, ldc, ref biasTile, first, loadC, relu);
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Kernel256(
        ref float a, nint lda, ref float b, int kc, ref float c, nint ldc, ref float bias,
        bool addBias, bool loadC, bool relu)
    {
        Vector256<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (loadC)
        {
            c00 = Vector256.LoadUnsafe(ref c); c01 = Vector256.LoadUnsafe(ref c, 8);
            c10 = Vector256.LoadUnsafe(ref c, (nuint)ldc); c11 = Vector256.LoadUnsafe(ref c, (nuint)ldc + 8);
            c20 = Vector256.LoadUnsafe(ref c, (nuint)(2 * ldc)); c21 = Vector256.LoadUnsafe(ref c, (nuint)(2 * ldc) + 8);
            c30 = Vector256.LoadUnsafe(ref c, (nuint)(3 * ldc)); c31 = Vector256.LoadUnsafe(ref c, (nuint)(3 * ldc) + 8);
            c40 = Vector256.LoadUnsafe(ref c, (nuint)(4 * ldc)); c41 = Vector256.LoadUnsafe(ref c, (nuint)(4 * ldc) + 8);
            c50 = Vector256.LoadUnsafe(ref c, (nuint)(5 * ldc)); c51 = Vector256.LoadUnsafe(ref c, (nuint)(5 * ldc) + 8);
            if (addBias)
            {
                var bias0 = Vector256.LoadUnsafe(ref bias);
                var bias1 = Vector256.LoadUnsafe(ref bias, 8);
                c00 += bias0; c01 += bias1; c10 += bias0; c11 += bias1; c20 += bias0; c21 += bias1;
                c30 += bias0; c31 += bias1; c40 += bias0; c41 += bias1; c50 += bias0; c51 += bias1;
            }
        }
        else
        {
            c00 = c10 = c20 = c30 = c40 = c50 = Vector256.LoadUnsafe(ref bias);
            c01 = c11 = c21 = c31 = c41 = c51 = Vector256.LoadUnsafe(ref bias, 8);
        }

        ref var a1 = ref Unsafe.Add(ref a, lda);
        ref var a2 = ref Unsafe.Add(ref a, 2 * lda);
        ref var a3 = ref Unsafe.Add(ref a, 3 * lda);
        ref var a4 = ref Unsafe.Add(ref a, 4 * lda);
        ref var a5 = ref Unsafe.Add(ref a, 5 * lda);
        for (nint k = 0; k < kc; k++)
        {
            var b0 = Vector256.LoadUnsafe(ref b, (nuint)(k * 16));
            var b1 = Vector256.LoadUnsafe(ref b, (nuint)(k * 16) + 8);
            var x = Vector256.Create(Unsafe.Add(ref a, k));
            c00 = Fma.MultiplyAdd(x, b0, c00); c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref a1, k));
            c10 = Fma.MultiplyAdd(x, b0, c10); c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref a2, k));
            c20 = Fma.MultiplyAdd(x, b0, c20); c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref a3, k));
            c30 = Fma.MultiplyAdd(x, b0, c30); c31 = Fma.MultiplyAdd(x, b1, c31);
            x = Vector256.Create(Unsafe.Add(ref a4, k));
            c40 = Fma.MultiplyAdd(x, b0, c40); c41 = Fma.MultiplyAdd(x, b1, c41);
            x = Vector256.Create(Unsafe.Add(ref a5, k));
            c50 = Fma.MultiplyAdd(x, b0, c50); c51 = Fma.MultiplyAdd(x, b1, c51);
        }

        if (relu)
        {
            var zero = Vector256<float>.Zero;
            c00 = Vector256.Max(c00, zero); c01 = Vector256.Max(c01, zero); c10 = Vector256.Max(c10, zero);
            c11 = Vector256.Max(c11, zero); c20 = Vector256.Max(c20, zero); c21 = Vector256.Max(c21, zero);
            c30 = Vector256.Max(c30, zero); c31 = Vector256.Max(c31, zero); c40 = Vector256.Max(c40, zero);
            c41 = Vector256.Max(c41, zero); c50 = Vector256.Max(c50, zero); c51 = Vector256.Max(c51, zero);
        }
        c00.StoreUnsafe(ref c); c01.StoreUnsafe(ref c, 8);
        c10.StoreUnsafe(ref c, (nuint)ldc); c11.StoreUnsafe(ref c, (nuint)ldc + 8);
        c20.StoreUnsafe(ref c, (nuint)(2 * ldc)); c21.StoreUnsafe(ref c, (nuint)(2 * ldc) + 8);
        c30.StoreUnsafe(ref c, (nuint)(3 * ldc)); c31.StoreUnsafe(ref c, (nuint)(3 * ldc) + 8);
        c40.StoreUnsafe(ref c, (nuint)(4 * ldc)); c41.StoreUnsafe(ref c, (nuint)(4 * ldc) + 8);
        c50.StoreUnsafe(ref c, (nuint)(5 * ldc)); c51.StoreUnsafe(ref c, (nuint)(5 * ldc) + 8);
    }

    /// <summary>Portable fallback (ARM64, x86 without AVX2/FMA): one row at a time, 4 × 128-bit accumulators.</summary>
    static void Kernel128(
        ref float a, nint lda, ref float b, int kc, ref float c, nint ldc, ref float bias,
        bool addBias, bool loadC, bool relu)
    {
        for (nint r = 0; r < TileRows; r++)
        {
            ref var ar = ref Unsafe.Add(ref a, r * lda);
            ref var cr = ref Unsafe.Add(ref c, r * ldc);
            Vector128<float> s0, s1, s2, s3;
            if (loadC)
            {
                s0 = Vector128.LoadUnsafe(ref cr); s1 = Vector128.LoadUnsafe(ref cr, 4);
                s2 = Vector128.LoadUnsafe(ref cr, 8); s3 = Vector128.LoadUnsafe(ref cr, 12);
                if (addBias)
                {
                    s0 += Vector128.LoadUnsafe(ref bias); s1 += Vector128.LoadUnsafe(ref bias, 4);
                    s2 += Vector128.LoadUnsafe(ref bias, 8); s3 += Vector128.LoadUnsafe(ref bias, 12);
                }
            }
            else
            {
                s0 = Vector128.LoadUnsafe(ref bias); s1 = Vector128.LoadUnsafe(ref bias, 4);
                s2 = Vector128.LoadUnsafe(ref bias, 8); s3 = Vector128.LoadUnsafe(ref bias, 12);
            }
            for (nint k = 0; k < kc; k++)
            {
                var x = Vector128.Create(Unsafe.Add(ref ar, k));
                s0 += x * Vector128.LoadUnsafe(ref b, (nuint)(k * 16));
                s1 += x * Vector128.LoadUnsafe(ref b, (nuint)(k * 16) + 4);
                s2 += x * Vector128.LoadUnsafe(ref b, (nuint)(k * 16) + 8);
                s3 += x * Vector128.LoadUnsafe(ref b, (nuint)(k * 16) + 12);
            }
            if (relu)
            {
                s0 = Vector128.Max(s0, Vector128<float>.Zero); s1 = Vector128.Max(s1, Vector128<float>.Zero);
                s2 = Vector128.Max(s2, Vector128<float>.Zero); s3 = Vector128.Max(s3, Vector128<float>.Zero);
            }
            s0.StoreUnsafe(ref cr); s1.StoreUnsafe(ref cr, 4); s2.StoreUnsafe(ref cr, 8); s3.StoreUnsafe(ref cr, 12);
        }
    }
}
