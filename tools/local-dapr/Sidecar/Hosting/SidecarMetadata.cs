using System.Text.Json.Serialization;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>The body of daprd's <c>GET /v1.0/metadata</c> (the fields this sidecar can fill).</summary>
internal sealed record SidecarMetadata(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("runtimeVersion")] string RuntimeVersion,
    [property: JsonPropertyName("enabledFeatures")] IReadOnlyList<string> EnabledFeatures,
    [property: JsonPropertyName("actors")] IReadOnlyList<ActorCount> Actors,
    [property: JsonPropertyName("components")] IReadOnlyList<ComponentInfo> Components,
    [property: JsonPropertyName("subscriptions")] IReadOnlyList<SubscriptionMetadata> Subscriptions,
    [property: JsonPropertyName("extended")] IReadOnlyDictionary<string, string> Extended,
    [property: JsonPropertyName("appConnectionProperties")] AppConnection AppConnectionProperties);

internal sealed record ActorCount([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("count")] int Count);

internal sealed record ComponentInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("capabilities")] IReadOnlyList<string> Capabilities);

internal sealed record SubscriptionMetadata(
    [property: JsonPropertyName("pubsubname")] string PubSubName,
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("metadata")] IReadOnlyDictionary<string, string> Metadata,
    [property: JsonPropertyName("rules")] IReadOnlyList<SubscriptionRuleMetadata> Rules,
    [property: JsonPropertyName("deadLetterTopic")] string? DeadLetterTopic,
    [property: JsonPropertyName("type")] string Type);

internal sealed record SubscriptionRuleMetadata(
    [property: JsonPropertyName("match")] string? Match,
    [property: JsonPropertyName("path")] string Path);

internal sealed record AppConnection(
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("channelAddress")] string ChannelAddress,
    [property: JsonPropertyName("maxConcurrency")] int MaxConcurrency);
