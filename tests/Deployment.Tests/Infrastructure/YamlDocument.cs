using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dapr.AiProvider.Deployment.Tests.Infrastructure;

/// <summary>One YAML document as JSON (plain scalars typed by the YAML 1.2 core schema, as Kubernetes reads them)
/// and its own text, with the file it came from.</summary>
public sealed partial record YamlDocument(string Source, string Text, JsonObject Json)
{
    public string ApiVersion => (string?)Json["apiVersion"] ?? "";
    public string Kind => (string?)Json["kind"] ?? "";
    public string Name => (string?)Json["metadata"]?["name"] ?? "";
    public bool IsDapr => ApiVersion.StartsWith("dapr.io/", StringComparison.Ordinal);

    public override string ToString() => $"{Kind}/{Name} ({Source})";

    public static IReadOnlyList<YamlDocument> ParseAll(string text, string source)
    {
        var documents = new List<YamlDocument>();
        foreach (var part in DocumentSeparator().Split(text))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(part));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                continue;
            }
            documents.Add(new YamlDocument(source, part, (JsonObject)ToJson(root)!));
        }
        return documents;
    }

    public static IReadOnlyList<YamlDocument> Load(string path) =>
        ParseAll(System.IO.File.ReadAllText(path), Path.GetRelativePath(RepoPaths.Root, path));

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException($"unsupported YAML node at {node.Start}"),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }
        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when IntegerPattern().IsMatch(value) => JsonValue.Create(long.Parse(value, CultureInfo.InvariantCulture)),
            _ when FloatPattern().IsMatch(value) => JsonValue.Create(double.Parse(value, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(value),
        };
    }

    [GeneratedRegex(@"^---[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
