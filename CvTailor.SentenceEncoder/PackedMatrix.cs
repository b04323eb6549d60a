namespace CvTailor.SentenceEncoder;

/// <summary>
/// A K×N weight matrix stored as N/16 column panels of K rows × 16 floats, so the matmul kernel streams
/// each panel sequentially.
/// </summary>
internal sealed class PackedMatrix
{
    public const int PanelWidth = 16;

    public PackedMatrix(int rows, int columns)
    {
        if (columns % PanelWidth != 0)
        {
            throw new ArgumentException($"Column count {columns} is not a multiple of {PanelWidth}.", nameof(columns));
        }
        Rows = rows;
        Columns = columns;
        Data = new float[(long)rows * columns];
    }

    /// <summary>K, the inner dimension.</summary>
    public int Rows { get; }

    /// <summary>N, the output width.</summary>
    public int Columns { get; }

    public float[] Data { get; }

    public int PanelCount => Columns / PanelWidth;

    /// <summary>Copies consecutive row-major rows, starting at <paramref name="firstRow"/>, into the panels.</summary>
    public void SetRows(int firstRow, ReadOnlySpan<float> rowMajor)
    {
        var count = rowMajor.Length / Columns;
        for (var r = 0; r < count; r++)
        {
            var row = rowMajor.Slice(r * Columns, Columns);
            var k = firstRow + r;
            for (var p = 0; p < PanelCount; p++)
            {
                row.Slice(p * PanelWidth, PanelWidth).CopyTo(Data.AsSpan(((p * Rows) + k) * PanelWidth, PanelWidth));
            }
        }
    }
}
