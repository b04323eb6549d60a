using System.Runtime.InteropServices;
using System.Text.Json;

namespace CvTailor.Tests.SentenceEncoder;

/// <summary>
/// Reference token ids and vectors made by eng/model/make-reference.mjs with the package's own JavaScript runtime.
/// Texts are stored as base64 UTF-16 because some hold lone surrogates, which System.Text.Json refuses to decode.
/// </summary>
public sealed class UseLiteReference
{
    public sealed record ReferenceCase(string Name, string Text, int[] Tokens, float[]? Embedding);

    static readonly Lazy<UseLiteReference> Instance = new(Load);

    UseLiteReference(List<ReferenceCase> cases, List<ReferenceCase> fuzz, float[] empty, string[] batchNames, float[][] batch)
    {
        Cases = cases;
        Fuzz = fuzz;
        EmptyEmbedding = empty;
        BatchNames = batchNames;
        BatchEmbeddings = batch;
    }

    public static UseLiteReference Data => Instance.Value;

    public IReadOnlyList<ReferenceCase> Cases { get; }

    public IReadOnlyList<ReferenceCase> Fuzz { get; }

    public float[] EmptyEmbedding { get; }

    public string[] BatchNames { get; }

    public float[][] BatchEmbeddings { get; }

    public ReferenceCase this[string name] => Cases.Single(c => c.Name == name);

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in Data.Cases)
        {
            data.Add(c.Name);
        }
        return data;
    }

    static UseLiteReference Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "use-lite", "reference.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        return new UseLiteReference(
            [.. root.GetProperty("cases").EnumerateArray().Select(ReadCase)],
            [.. root.GetProperty("fuzz").EnumerateArray().Select((e, i) => ReadCase(e, i))],
            Floats(root.GetProperty("empty").GetProperty("embedding")),
            [.. root.GetProperty("batch").GetProperty("names").EnumerateArray().Select(e => e.GetString()!)],
            [.. root.GetProperty("batch").GetProperty("embeddings").EnumerateArray().Select(Floats)]);
    }

    static ReferenceCase ReadCase(JsonElement e, int index) => new(
        e.TryGetProperty("name", out var name) ? name.GetString()! : $"fuzz-{index}",
        DecodeUtf16(e.GetProperty("utf16").GetString()!),
        [.. e.GetProperty("tokens").EnumerateArray().Select(t => t.GetInt32())],
        e.TryGetProperty("embedding", out var embedding) ? Floats(embedding) : null);

    static string DecodeUtf16(string base64) =>
        new(MemoryMarshal.Cast<byte, char>(Convert.FromBase64String(base64)));

    static float[] Floats(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetSingle())];
}
