using Dapr.AiProvider.Contracts.Usage;

namespace Dapr.AiProvider.Router.Usage;

/// <summary>The port that delivers usage events to pub/sub, all or none (throws when it could not).</summary>
internal interface IUsagePublisher
{
    Task PublishAsync(IReadOnlyList<UsageRecorded> events, CancellationToken cancellationToken);
}
