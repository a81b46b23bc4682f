using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>
/// Starts delivery once the app port is open (daprd waits for it too): discovers subscriptions,
/// validates them (component exists, subscription scope, routing expressions) and runs one
/// <see cref="TopicConsumer"/> per subscription until shutdown.
/// </summary>
internal sealed partial class SubscriberService(
    AppChannel app,
    SidecarOptions options,
    PubSubComponents components,
    SubscriptionDiscovery discovery,
    SubscriptionRegistry registry,
    MessageDelivery delivery,
    ILogger<SubscriberService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.AppPort == 0 || !components.Any)
        {
            return;
        }
        try
        {
            await app.Ready.WaitAsync(stoppingToken);
            var active = new List<ActiveSubscription>();
            foreach (var info in await discovery.DiscoverAsync(stoppingToken))
            {
                if (Activate(info, active) is { } subscription)
                {
                    active.Add(subscription);
                }
            }
            registry.Set(active.Select(a => a.Info).ToList());
            var consumers = active.Select(s => new TopicConsumer(s, components.Database(s.Settings), delivery, logger));
            await Task.WhenAll(consumers.Select(c => c.RunAsync(stoppingToken)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private ActiveSubscription? Activate(SubscriptionInfo info, List<ActiveSubscription> active)
    {
        if (components.Find(info.PubSubName) is not { } settings)
        {
            Log.UnknownPubSub(logger, info.PubSubName, info.Topic);
            return null;
        }
        if (!TopicScopes.CanSubscribe(settings.Component, options.AppId, info.Topic))
        {
            Log.NotAllowed(logger, info.PubSubName, info.Topic);
            return null;
        }
        if (active.Any(a => a.Info.PubSubName == info.PubSubName && a.Info.Topic == info.Topic))
        {
            Log.Duplicate(logger, info.PubSubName, info.Topic);
            return null;
        }
        try
        {
            var subscription = new ActiveSubscription(info, settings);
            Log.Subscribed(logger, info.PubSubName, info.Topic, info.Type);
            return subscription;
        }
        catch (FormatException ex)
        {
            Log.BadRule(logger, info.PubSubName, info.Topic, ex.Message);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(141, LogLevel.Warning, "subscription to {PubSub}/{Topic} ignored: no such pubsub component")]
        public static partial void UnknownPubSub(ILogger logger, string pubSub, string topic);

        [LoggerMessage(142, LogLevel.Warning, "subscription to {PubSub}/{Topic} ignored: topic not allowed for this app")]
        public static partial void NotAllowed(ILogger logger, string pubSub, string topic);

        [LoggerMessage(143, LogLevel.Warning, "duplicate subscription to {PubSub}/{Topic} ignored")]
        public static partial void Duplicate(ILogger logger, string pubSub, string topic);

        [LoggerMessage(144, LogLevel.Information, "subscribed to {PubSub}/{Topic} ({Type})")]
        public static partial void Subscribed(ILogger logger, string pubSub, string topic, string type);

        [LoggerMessage(145, LogLevel.Error, "subscription to {PubSub}/{Topic} ignored: {Error}")]
        public static partial void BadRule(ILogger logger, string pubSub, string topic, string error);
    }
}
