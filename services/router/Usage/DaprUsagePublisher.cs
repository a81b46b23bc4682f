using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.Client;

namespace Dapr.AiProvider.Router.Usage;

/// <summary>
/// Publishes to pub/sub <c>pubsub</c>, topic <c>usage</c>: one event as <see cref="UsageRecorded"/>,
/// several as one <see cref="UsageBatch"/> message (CloudEvent type <see cref="UsageBatch.CloudEventType"/>).
/// </summary>
internal sealed class DaprUsagePublisher(DaprClient dapr) : IUsagePublisher
{
    private static readonly Dictionary<string, string> BatchMetadata = new() { ["cloudevent.type"] = UsageBatch.CloudEventType };

    public Task PublishAsync(IReadOnlyList<UsageRecorded> events, CancellationToken cancellationToken) => events.Count == 1
        ? dapr.PublishEventAsync(DaprNames.PubSub, DaprNames.Topics.Usage, events[0], cancellationToken)
        : dapr.PublishEventAsync(DaprNames.PubSub, DaprNames.Topics.Usage, new UsageBatch { Events = events }, BatchMetadata, cancellationToken);
}
