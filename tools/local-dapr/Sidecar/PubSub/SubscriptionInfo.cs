namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>
/// One active subscription as <c>/v1.0/metadata</c> reports it: <paramref name="Type"/> is
/// <c>PROGRAMMATIC</c> (from the app's <c>/dapr/subscribe</c>) or <c>DECLARATIVE</c> (a Subscription resource).
/// <paramref name="Rules"/> are in evaluation order; a rule without <c>Match</c> matches every event.
/// </summary>
public sealed record SubscriptionInfo(
    string PubSubName,
    string Topic,
    IReadOnlyList<SubscriptionRule> Rules,
    string? DeadLetterTopic,
    IReadOnlyDictionary<string, string> Metadata,
    string Type);

/// <param name="Match">A CEL expression over <c>event</c>, or null/empty for the default route.</param>
/// <param name="Path">The app path the event is POSTed to, with a leading slash.</param>
public sealed record SubscriptionRule(string? Match, string Path);
