using System.Globalization;
using System.Text;

namespace CvTailor.Tests.Api.Artifacts;

/// <summary>A well-formed one-page PDF (cross-reference table, a font, an Info dictionary), built byte by byte.</summary>
public static class MetadataPdf
{
    public static byte[] Build(string title, string author, string text)
    {
        var objects = new[]
        {
            "<</Type/Catalog/Pages 2 0 R>>",
            "<</Type/Pages/Kids[3 0 R]/Count 1>>",
            "<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>",
            Stream($"BT /F1 12 Tf 20 100 Td ({text}) Tj ET"),
            "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
            $"<</Title({title})/Author({author})/Producer(CvTailor tests)/CreationDate(D:20240102030405Z)>>",
        };
        var body = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(body.Length);
            body.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = body.Length;
        body.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            body.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }
        body.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {objects.Length + 1}/Root 1 0 R/Info 6 0 R>>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(body.ToString());
    }

    static string Stream(string content) => $"<</Length {content.Length}>>\nstream\n{content}\nendstream";
}
