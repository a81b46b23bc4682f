namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>The subscriptions this sidecar delivers (empty until the app's <c>/dapr/subscribe</c> was read).</summary>
public interface ISubscriptionInfo
{
    IReadOnlyList<SubscriptionInfo> Subscriptions { get; }
}
