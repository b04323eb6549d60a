using QRCoder;

namespace CvTailor.Api.Export.Renderers;

/// <summary>The module matrix of a QR code (including its quiet zone), from QRCoder.</summary>
public static class QrMatrix
{
    public static bool[,] For(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var rows = data.ModuleMatrix;
        var size = rows.Count;
        var matrix = new bool[size, size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                matrix[y, x] = rows[y][x];
            }
        }

        return matrix;
    }
}
