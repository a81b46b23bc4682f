namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>Who publishes where, and when (for the envelope's <c>source</c>, <c>topic</c>, <c>time</c>).</summary>
internal sealed record PublishContext(
    string AppId,
    string PubSubName,
    string Topic,
    DateTimeOffset Now,
    IReadOnlyDictionary<string, string> Metadata);
