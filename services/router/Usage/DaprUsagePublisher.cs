using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.Client;

namespace Dapr.AiProvider.Router.Usage;

/// <summary>Publishes <see cref="UsageRecorded"/> to pub/sub <c>pubsub</c>, topic <c>usage</c>.</summary>
internal sealed class DaprUsagePublisher(DaprClient dapr) : IUsagePublisher
{
    public Task PublishAsync(UsageRecorded usage, CancellationToken cancellationToken) =>
        dapr.PublishEventAsync(DaprNames.PubSub, DaprNames.Topics.Usage, usage, cancellationToken);
}
