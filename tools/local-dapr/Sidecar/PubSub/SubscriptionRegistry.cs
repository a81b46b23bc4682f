namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>Holds the current subscription list (swapped atomically once discovery completes).</summary>
internal sealed class SubscriptionRegistry : ISubscriptionInfo
{
    private volatile IReadOnlyList<SubscriptionInfo> _subscriptions = [];

    public IReadOnlyList<SubscriptionInfo> Subscriptions => _subscriptions;

    public void Set(IReadOnlyList<SubscriptionInfo> subscriptions) => _subscriptions = subscriptions;
}
