using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using YamlDotNet.RepresentationModel;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>
/// <c>kind: Subscription</c> resources from the resources paths (<c>dapr.io/v2alpha1</c>: <c>spec.routes.rules</c>
/// + <c>default</c>; <c>dapr.io/v1alpha1</c>: <c>spec.route</c>), honouring <c>scopes</c>.
/// </summary>
internal static class DeclarativeSubscriptions
{
    /// <exception cref="FormatException">A Subscription resource lacks pubsubname, topic or a route (names the file).</exception>
    public static List<SubscriptionInfo> Load(SidecarOptions options)
    {
        var result = new List<SubscriptionInfo>();
        foreach (var file in options.ResourcesPaths.Where(Directory.Exists)
            .SelectMany(path => Directory.EnumerateFiles(path))
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                try
                {
                    stream.Load(reader);
                }
                catch (YamlDotNet.Core.YamlException)
                {
                    continue; // malformed files are reported by the component loader
                }
            }
            foreach (var document in stream.Documents)
            {
                if (document.RootNode is YamlMappingNode root && Scalar(root, "kind") == "Subscription"
                    && InScope(root, options.AppId))
                {
                    result.Add(Read(root, file));
                }
            }
        }
        return result;
    }

    private static SubscriptionInfo Read(YamlMappingNode root, string file)
    {
        var spec = Child(root, "spec") ?? throw new FormatException($"{file}: Subscription has no spec");
        var pubsub = Scalar(spec, "pubsubname") ?? throw new FormatException($"{file}: Subscription spec.pubsubname is missing");
        var topic = Scalar(spec, "topic") ?? throw new FormatException($"{file}: Subscription spec.topic is missing");
        var rules = new List<SubscriptionRule>();
        if (Child(spec, "routes") is { } routes)
        {
            if (routes.Children.TryGetValue(new YamlScalarNode("rules"), out var list) && list is YamlSequenceNode sequence)
            {
                foreach (var rule in sequence.OfType<YamlMappingNode>())
                {
                    var path = Scalar(rule, "path") ?? throw new FormatException($"{file}: a routes rule has no path");
                    rules.Add(new SubscriptionRule(Scalar(rule, "match"), SubscriptionParser.NormalizePath(path)));
                }
            }
            if (Scalar(routes, "default") is { Length: > 0 } fallback)
            {
                rules.Add(new SubscriptionRule(null, SubscriptionParser.NormalizePath(fallback)));
            }
        }
        else if (Scalar(spec, "route") is { Length: > 0 } route)
        {
            rules.Add(new SubscriptionRule(null, SubscriptionParser.NormalizePath(route)));
        }
        if (rules.Count == 0)
        {
            throw new FormatException($"{file}: Subscription for topic '{topic}' has no route");
        }
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Child(spec, "metadata") is { } meta)
        {
            foreach (var (key, value) in meta.Children)
            {
                metadata[((YamlScalarNode)key).Value ?? ""] = (value as YamlScalarNode)?.Value ?? "";
            }
        }
        return new SubscriptionInfo(pubsub, topic, rules, Scalar(spec, "deadLetterTopic"), metadata, "DECLARATIVE");
    }

    private static bool InScope(YamlMappingNode root, string appId) =>
        !root.Children.TryGetValue(new YamlScalarNode("scopes"), out var scopes)
        || scopes is not YamlSequenceNode { Children.Count: > 0 } list
        || list.OfType<YamlScalarNode>().Any(s => s.Value == appId);

    private static YamlMappingNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;
}
