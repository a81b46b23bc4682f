using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>
/// Runs one subscription's deliveries: at most <c>concurrency</c> at a time. A re-claimed entry is delivered
/// again even while its first delivery still runs, as components-contrib does. An entry is XACKed once its
/// delivery finished — also after a failed one, or one dead-lettered at its deadline (see <see cref="MessageDelivery"/>)
/// — and left pending when the sidecar stops or the delivery could not be finished, to be reclaimed later.
/// </summary>
internal sealed partial class DeliveryWorkers(ActiveSubscription subscription, IDatabase db, MessageDelivery delivery, ILogger logger)
{
    private readonly ConcurrentDictionary<long, Task> _inFlight = new();
    private readonly SemaphoreSlim _slots = new(Math.Max(1, subscription.Settings.Concurrency));
    private long _deliveries;

    private string Topic => subscription.Info.Topic;

    /// <summary>Waits for a free slot, then starts delivering <paramref name="entry"/> in the background.</summary>
    public async Task StartAsync(StreamEntry entry, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var delivery = Interlocked.Increment(ref _deliveries);
        _inFlight[delivery] = done.Task;
        _ = TrackAsync(delivery, entry, done, ct);
    }

    /// <summary>Completes when every started delivery has finished (or was cancelled).</summary>
    public Task DrainAsync() => Task.WhenAll(_inFlight.Values);

    private async Task TrackAsync(long delivery, StreamEntry entry, TaskCompletionSource done, CancellationToken ct)
    {
        try
        {
            await ProcessAsync(entry, ct);
        }
        finally
        {
            _inFlight.TryRemove(delivery, out _);
            done.TrySetResult();
        }
    }

    private async Task ProcessAsync(StreamEntry entry, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            await delivery.DeliverAsync(subscription, entry, ct);
            await db.StreamAcknowledgeAsync(Topic, subscription.Settings.ConsumerGroup, entry.Id);
        }
        catch (OperationCanceledException)
        {
            // Shut down, or processingTimeout passed without a dead-letter topic: left pending, reclaimed later (at-least-once).
        }
        catch (Exception ex) when (ex is RedisException or HttpRequestException)
        {
            Log.ProcessFailed(logger, Topic, entry.Id.ToString(), ex.Message);
        }
        finally
        {
            _slots.Release();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(124, LogLevel.Warning, "processing message {Id} of {Topic} failed: {Error}")]
        public static partial void ProcessFailed(ILogger logger, string topic, string id, string error);
    }
}
