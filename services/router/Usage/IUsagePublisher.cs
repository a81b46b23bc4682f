using Dapr.AiProvider.Contracts.Usage;

namespace Dapr.AiProvider.Router.Usage;

/// <summary>The port that delivers one usage event to pub/sub (throws when it could not).</summary>
public interface IUsagePublisher
{
    Task PublishAsync(UsageRecorded usage, CancellationToken cancellationToken);
}
