using YamlDotNet.RepresentationModel;

namespace CvTailor.Tests.AppHost;

/// <summary>Reading published YAML: every document of a file, and path-like access that fails with the missing key.</summary>
public static class YamlNodes
{
    public static IReadOnlyList<YamlMappingNode> LoadAll(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    public static YamlMappingNode Load(string path) => LoadAll(path).Single();

    public static YamlNode Get(this YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var child)
            ? child
            : throw new KeyNotFoundException($"'{key}' not found in {node.Start}");

    public static bool Has(this YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.ContainsKey(new YamlScalarNode(key));

    public static YamlMappingNode Map(this YamlNode node, string key) => (YamlMappingNode)node.Get(key);

    public static IReadOnlyList<YamlNode> Seq(this YamlNode node, string key) => ((YamlSequenceNode)node.Get(key)).Children.ToList();

    public static string Str(this YamlNode node, string key) => ((YamlScalarNode)node.Get(key)).Value!;

    public static string Str(this YamlNode node) => ((YamlScalarNode)node).Value!;

    public static IReadOnlyList<string> Keys(this YamlNode node) =>
        ((YamlMappingNode)node).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();

    /// <summary>A Kubernetes env list as name → value (plain values) or name → "secret:{name}/{key}".</summary>
    public static Dictionary<string, string> EnvList(this YamlNode container)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!container.Has("env"))
        {
            return result;
        }
        foreach (var entry in container.Seq("env"))
        {
            var name = entry.Str("name");
            result[name] = entry.Has("value") ? entry.Str("value")
                : entry.Get("valueFrom").Has("secretKeyRef")
                    ? $"secret:{entry.Get("valueFrom").Get("secretKeyRef").Str("name")}/{entry.Get("valueFrom").Get("secretKeyRef").Str("key")}"
                    : "field:" + entry.Get("valueFrom").Get("fieldRef").Str("fieldPath");
        }
        return result;
    }
}
