using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Contracts.Usage;

/// <summary>
/// Several <see cref="UsageRecorded"/> events in one pub/sub message on topic <c>usage</c> (CloudEvent
/// type <see cref="CloudEventType"/>): under load the router sends what has queued up at once, so the
/// broker and the quota subscriber handle one message per batch instead of one per request. Each event
/// keeps its own <c>requestId</c>, so a redelivered batch is still written exactly once.
/// </summary>
public sealed record UsageBatch
{
    public const string CloudEventType = "io.aiprovider.usage.batch.v1";

    [JsonPropertyName("events")] public IReadOnlyList<UsageRecorded> Events { get; set; } = [];
}
