using System.Text.Json;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>
/// Parses the app's <c>GET /dapr/subscribe</c> answer (dapr pkg/runtime/pubsub/subscriptions.go):
/// v1 items with <c>route</c>, v2 items with <c>routes.rules[]</c> + <c>routes.default</c>; keys are
/// matched case-insensitively as Go's decoder does. Items without pubsubname or topic are skipped.
/// </summary>
internal static class SubscriptionParser
{
    /// <exception cref="JsonException">The body is not a JSON array.</exception>
    public static List<SubscriptionInfo> Parse(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("/dapr/subscribe did not return a JSON array");
        }
        var result = new List<SubscriptionInfo>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || Text(item, "pubsubname") is not { Length: > 0 } pubsub
                || Text(item, "topic") is not { Length: > 0 } topic)
            {
                continue;
            }
            var rules = new List<SubscriptionRule>();
            if (Property(item, "routes") is { ValueKind: JsonValueKind.Object } routes)
            {
                if (Property(routes, "rules") is { ValueKind: JsonValueKind.Array } ruleArray)
                {
                    foreach (var rule in ruleArray.EnumerateArray())
                    {
                        if (Text(rule, "path") is { Length: > 0 } path)
                        {
                            rules.Add(new SubscriptionRule(Text(rule, "match"), NormalizePath(path)));
                        }
                    }
                }
                if (Text(routes, "default") is { Length: > 0 } fallback)
                {
                    rules.Add(new SubscriptionRule(null, NormalizePath(fallback)));
                }
            }
            else if (Text(item, "route") is { Length: > 0 } route)
            {
                rules.Add(new SubscriptionRule(null, NormalizePath(route)));
            }
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Property(item, "metadata") is { ValueKind: JsonValueKind.Object } meta)
            {
                foreach (var entry in meta.EnumerateObject())
                {
                    metadata[entry.Name] = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : entry.Value.GetRawText();
                }
            }
            result.Add(new SubscriptionInfo(pubsub, topic, rules, Text(item, "deadLetterTopic"), metadata, "PROGRAMMATIC"));
        }
        return result;
    }

    public static string NormalizePath(string path) => path.StartsWith('/') ? path : "/" + path;

    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }
        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
