using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>
/// One subscription's Redis Streams consumer as components-contrib pubsub/redis (pubsub/redis/redis.go) runs it:
/// consumer group and consumer name are both the component's consumerID (default the app id), so every replica
/// of an app reads as the same consumer. A read loop (<c>XREADGROUP … &gt;</c>, polled because the shared
/// multiplexer cannot block) feeds the <see cref="DeliveryWorkers"/>. A reclaim loop (every
/// <c>redeliverInterval</c>) XCLAIMs every entry pending longer than <c>processingTimeout</c> and delivers it
/// again — an entry of a crashed sidecar, and just as well one still in delivery here or on another replica
/// (reclaimPendingMessages does not know what is in flight): processingTimeout must outlast a delivery.
/// </summary>
internal sealed partial class TopicConsumer(
    ActiveSubscription subscription,
    IDatabase db,
    MessageDelivery delivery,
    ILogger logger)
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(50);
    private readonly DeliveryWorkers _workers = new(subscription, db, delivery, logger);

    private string Topic => subscription.Info.Topic;
    private string Group => subscription.Settings.ConsumerGroup;
    private string ConsumerName => subscription.Settings.ConsumerGroup;

    public async Task RunAsync(CancellationToken ct)
    {
        await EnsureGroupAsync();
        try
        {
            await Task.WhenAll(ReadLoopAsync(ct), ReclaimLoopAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        await _workers.DrainAsync();
    }

    private async Task EnsureGroupAsync()
    {
        try
        {
            await db.StreamCreateConsumerGroupAsync(Topic, Group, "0", createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
        }
    }

    private async Task ReadLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            StreamEntry[] entries;
            try
            {
                entries = await db.StreamReadGroupAsync(Topic, Group, ConsumerName, ">", Math.Max(1, subscription.Settings.QueueDepth));
            }
            catch (RedisException ex)
            {
                Log.ReadFailed(logger, Topic, ex.Message);
                await HandleReadErrorAsync(ex, ct);
                continue;
            }
            if (entries.Length == 0)
            {
                await Task.Delay(IdlePoll, ct);
                continue;
            }
            foreach (var entry in entries)
            {
                await _workers.StartAsync(entry, ct);
            }
        }
    }

    private async Task HandleReadErrorAsync(RedisException ex, CancellationToken ct)
    {
        if (ex.Message.Contains("NOGROUP", StringComparison.Ordinal))
        {
            await EnsureGroupAsync();
        }
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
    }

    private async Task ReclaimLoopAsync(CancellationToken ct)
    {
        var settings = subscription.Settings;
        if (settings.RedeliverInterval <= TimeSpan.Zero || settings.ProcessingTimeout <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(settings.RedeliverInterval);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                await ReclaimAsync(ct);
            }
            catch (RedisException ex)
            {
                Log.ReclaimFailed(logger, Topic, ex.Message);
            }
        }
    }

    private async Task ReclaimAsync(CancellationToken ct)
    {
        var minIdle = (long)subscription.Settings.ProcessingTimeout.TotalMilliseconds;
        var pending = await db.StreamPendingMessagesAsync(Topic, Group, Math.Max(1, subscription.Settings.QueueDepth), RedisValue.Null);
        var stale = pending
            .Where(p => p.IdleTimeInMilliseconds >= minIdle)
            .Select(p => p.MessageId)
            .ToArray();
        if (stale.Length == 0)
        {
            return;
        }
        var claimed = await db.StreamClaimAsync(Topic, Group, ConsumerName, minIdle, stale);
        foreach (var entry in claimed)
        {
            if (entry.IsNull)
            {
                continue;
            }
            Log.Redelivering(logger, Topic, entry.Id.ToString());
            await _workers.StartAsync(entry, ct);
        }
        var deleted = stale.Except(claimed.Where(c => !c.IsNull).Select(c => c.Id)).ToArray();
        if (deleted.Length > 0)
        {
            await db.StreamAcknowledgeAsync(Topic, Group, deleted);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(121, LogLevel.Warning, "reading stream {Topic} failed: {Error}")]
        public static partial void ReadFailed(ILogger logger, string topic, string error);

        [LoggerMessage(122, LogLevel.Warning, "reclaiming pending messages of {Topic} failed: {Error}")]
        public static partial void ReclaimFailed(ILogger logger, string topic, string error);

        [LoggerMessage(123, LogLevel.Information, "redelivering pending message {Id} of {Topic}")]
        public static partial void Redelivering(ILogger logger, string topic, string id);
    }
}
