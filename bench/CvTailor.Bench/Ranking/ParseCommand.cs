using System.Text.Json;
using CvTailor.Api.Generation.Content;
using CvTailor.Api.Generation.Parsing;
using CvTailor.Api.Generation.Taxonomy;

namespace CvTailor.Bench.Ranking;

/// <summary><c>parse-job FILE [COMPANY]</c>: the parser's reading of any posting (requirements with kinds, keywords, industry) as JSON.</summary>
public static class ParseCommand
{
    static readonly JsonSerializerOptions Indented = new(GenerationJson.Options) { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || !File.Exists(args[0]))
        {
            await output.WriteLineAsync("usage: parse-job FILE [COMPANY]");
            return 2;
        }

        var text = await File.ReadAllTextAsync(args[0], cancellationToken);
        var parsed = new JobDescriptionParser(SkillTaxonomy.Default).Parse(text, args.Length > 1 ? args[1] : null);
        await output.WriteLineAsync(JsonSerializer.Serialize(parsed, Indented));
        return 0;
    }
}
