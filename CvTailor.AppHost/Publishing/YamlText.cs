using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace CvTailor.AppHost.Publishing;

/// <summary>Writes YAML from plain dictionaries and lists (insertion order kept), quoting strings that need it.</summary>
public static class YamlText
{
    static readonly ISerializer s_serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings()
        .WithTypeConverter(new QuotedConverter())
        .DisableAliases()
        .Build();

    public static string Serialize(object document) => s_serializer.Serialize(document);

    /// <summary>Several documents in one file, separated by <c>---</c>.</summary>
    public static string SerializeAll(IEnumerable<object> documents) =>
        string.Join("---\n", documents.Select(Serialize));

    /// <summary>
    /// Always written in double quotes: values a YAML 1.1 reader would take for something else (<c>5080:8080</c>
    /// as a base-60 number), as Compose's documentation asks for ports.
    /// </summary>
    public sealed record Quoted(string Value);

    sealed class QuotedConverter : IYamlTypeConverter
    {
        public bool Accepts(Type type) => type == typeof(Quoted);

        public object ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer) =>
            throw new NotSupportedException("Write-only.");

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
            emitter.Emit(new Scalar(null, null, ((Quoted)value!).Value, ScalarStyle.DoubleQuoted, true, false));
    }
}
