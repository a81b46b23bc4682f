using System.Text.Json;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>A subscription ready to deliver: its component, compiled routing rules and raw-payload flag.</summary>
internal sealed class ActiveSubscription
{
    private readonly (EventFilter? Filter, string Path)[] _routes;

    /// <exception cref="FormatException">A routing rule's match expression is not valid.</exception>
    public ActiveSubscription(SubscriptionInfo info, PubSubComponentSettings settings)
    {
        Info = info;
        Settings = settings;
        _routes = info.Rules
            .Select(rule => (string.IsNullOrWhiteSpace(rule.Match) ? null : EventFilter.Parse(rule.Match), rule.Path))
            .ToArray();
        RawPayload = info.Metadata.TryGetValue("rawPayload", out var raw) && bool.TryParse(raw, out var isRaw) && isRaw;
    }

    public SubscriptionInfo Info { get; }
    public PubSubComponentSettings Settings { get; }
    public bool RawPayload { get; }

    /// <summary>The first rule whose match holds (a rule without match always does), or null: the event is dropped.</summary>
    public string? Route(JsonElement cloudEvent)
    {
        foreach (var (filter, path) in _routes)
        {
            if (filter is null || filter.Matches(cloudEvent))
            {
                return path;
            }
        }
        return null;
    }
}
