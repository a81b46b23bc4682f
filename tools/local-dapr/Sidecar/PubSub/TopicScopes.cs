using Dapr.AiProvider.LocalDapr.Sidecar.Components;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>
/// daprd topic scoping from component metadata: <c>allowedTopics</c> (comma list, all apps) and
/// <c>publishingScopes</c> / <c>subscriptionScopes</c> (<c>app1=t1,t2;app2=t3</c>; an app listed
/// with no topics may use none). Unlisted apps are unrestricted.
/// </summary>
internal static class TopicScopes
{
    public static bool CanPublish(ComponentSpec component, string appId, string topic) =>
        Allowed(component, "publishingScopes", appId, topic);

    public static bool CanSubscribe(ComponentSpec component, string appId, string topic) =>
        Allowed(component, "subscriptionScopes", appId, topic);

    private static bool Allowed(ComponentSpec component, string scopesKey, string appId, string topic)
    {
        if (component.Get("allowedTopics") is { Length: > 0 } allowed && !Split(allowed, ',').Contains(topic))
        {
            return false;
        }
        if (component.Get(scopesKey) is not { Length: > 0 } scopes)
        {
            return true;
        }
        foreach (var entry in Split(scopes, ';'))
        {
            var parts = entry.Split('=', 2);
            if (parts[0].Trim() == appId)
            {
                return parts.Length == 2 && Split(parts[1], ',').Contains(topic);
            }
        }
        return true;
    }

    private static string[] Split(string text, char separator) =>
        text.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
