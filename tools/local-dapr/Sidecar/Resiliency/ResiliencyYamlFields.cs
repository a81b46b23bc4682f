using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>Typed reads of YAML nodes that fail with the file and the field path.</summary>
internal sealed class ResiliencyYamlFields(string file)
{
    public string File { get; } = file;

    public ResiliencyConfigurationException Error(string field, string problem) =>
        ResiliencyConfigurationException.At(File, field, problem);

    public static YamlNode? Child(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public YamlMappingNode? Map(YamlMappingNode? parent, string key, string path)
    {
        var node = Child(parent, key);
        return node switch
        {
            null => null,
            YamlScalarNode { Value: null or "" or "~" or "null" } => null,
            YamlMappingNode map => map,
            _ => throw Error(path, $"expected a mapping (line {node.Start.Line})"),
        };
    }

    public IEnumerable<(string Name, YamlNode Node)> Entries(YamlMappingNode? map)
    {
        if (map is null)
        {
            yield break;
        }

        foreach (var (key, value) in map.Children)
        {
            yield return (((YamlScalarNode)key).Value ?? "", value);
        }
    }

    public string? String(YamlMappingNode? map, string key, string path)
    {
        var node = Child(map, key);
        return node switch
        {
            null => null,
            YamlScalarNode scalar => string.IsNullOrEmpty(scalar.Value) || scalar.Value == "~" ? null : scalar.Value,
            _ => throw Error(path, $"expected a single value (line {node.Start.Line})"),
        };
    }

    public string Scalar(YamlNode node, string path) => node is YamlScalarNode { Value: { } value }
        ? value
        : throw Error(path, $"expected a single value (line {node.Start.Line})");

    public TimeSpan? Duration(YamlMappingNode? map, string key, string path) =>
        String(map, key, path) is { } text ? ParseDuration(text, path) : null;

    public TimeSpan ParseDuration(string text, string path) =>
        GoDuration.TryParse(text, out var value) && value >= TimeSpan.Zero
            ? value
            : throw Error(path, $"'{text}' is not a duration (e.g. 500ms, 5s, 1m30s)");

    public long? Integer(YamlMappingNode? map, string key, string path) =>
        String(map, key, path) is not { } text ? null
        : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw Error(path, $"'{text}' is not an integer");

    public double? Number(YamlMappingNode? map, string key, string path) =>
        String(map, key, path) is not { } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw Error(path, $"'{text}' is not a number");

    public IReadOnlyList<string> StringList(YamlMappingNode? map, string key, string path)
    {
        var node = Child(map, key);
        return node switch
        {
            null => [],
            YamlScalarNode { Value: null or "" or "~" or "null" } => [],
            YamlSequenceNode seq => seq.Children.Select((n, i) => Scalar(n, $"{path}[{i}]")).ToList(),
            _ => throw Error(path, $"expected a list (line {node.Start.Line})"),
        };
    }
}
