using YamlDotNet.RepresentationModel;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Components;

/// <summary>Small helpers to read fields of a YAML resource with errors that name the field.</summary>
internal static class YamlFields
{
    public static YamlNode? Node(YamlMappingNode map, params string[] path)
    {
        YamlNode? current = map;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode m || !m.Children.TryGetValue(new YamlScalarNode(key), out current))
            {
                return null;
            }
        }
        return current;
    }

    public static string? Scalar(YamlMappingNode map, params string[] path) =>
        Node(map, path) is YamlScalarNode scalar ? scalar.Value : null;

    public static IReadOnlyList<YamlNode> Sequence(YamlMappingNode map, string file, params string[] path) =>
        Node(map, path) switch
        {
            null => [],
            YamlScalarNode { Value: null or "" } => [],
            YamlSequenceNode seq => seq.Children.ToList(),
            var other => throw ResourceLoader.Error(file, $"line {other.Start.Line}: {string.Join('.', path)} must be a list"),
        };
}
