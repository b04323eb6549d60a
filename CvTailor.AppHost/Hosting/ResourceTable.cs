using System.Text;

namespace CvTailor.AppHost.Hosting;

/// <summary>The plain-text table of resources printed at start-up.</summary>
public static class ResourceTable
{
    public static string Format(IReadOnlyList<(string Name, string Type, string State, string Url)> rows)
    {
        string[] header = ["Resource", "Type", "State", "Endpoints"];
        var widths = new int[3];
        for (var i = 0; i < 3; i++)
        {
            widths[i] = Math.Max(header[i].Length, rows.Count == 0 ? 0 : rows.Max(r => Cell(r, i).Length));
        }
        var sb = new StringBuilder();
        void Line(string a, string b, string c, string d) =>
            sb.Append("  ").Append(a.PadRight(widths[0] + 2)).Append(b.PadRight(widths[1] + 2))
              .Append(c.PadRight(widths[2] + 2)).AppendLine(d);
        Line(header[0], header[1], header[2], header[3]);
        Line(new string('-', widths[0]), new string('-', widths[1]), new string('-', widths[2]), "---------");
        foreach (var r in rows)
        {
            Line(r.Name, r.Type, r.State, r.Url);
        }
        return sb.ToString();
    }

    static string Cell((string Name, string Type, string State, string Url) r, int i) => i switch
    {
        0 => r.Name,
        1 => r.Type,
        _ => r.State,
    };
}
