using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Router.Diagnostics;
using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Usage;

/// <summary>
/// Drains <see cref="UsageQueue"/> off the request path. A failed publish is retried with exponential
/// backoff (the event stays at the head, nothing is lost while the buffer holds); on shutdown the
/// queue is flushed for up to <see cref="UsageOptions.ShutdownFlushSeconds"/> and what is left — still queued or in a
/// batch being retried — is counted as dropped.
/// The flush has its own window after the web server's drain, not what is left of the host's shutdown timeout: the
/// host stops the web server first (its requests record their usage until the last one ends), and a drain that used
/// most of the timeout would otherwise leave the flush no time, and the process would exit with events neither
/// published nor counted (docs/chaos.md, "The router stops").
/// </summary>
internal sealed partial class UsagePublisherService(
    UsageQueue queue, IUsagePublisher publisher, IOptions<RouterOptions> options, TimeProvider time, RouterMetrics metrics,
    ILogger<UsagePublisherService> logger) : BackgroundService
{
    /// <summary>Fires at the end of the shutdown flush window (on <see cref="TimeProvider"/>, so tests move it).</summary>
    private readonly CancellationTokenSource _abandon = new(Timeout.InfiniteTimeSpan, time);
    /// <summary>Events in batches being published when the flush window ended.</summary>
    private int _inHandAtAbandon;
    /// <summary>Cancelled when shutdown begins: a batch being gathered stops lingering and goes out at once.</summary>
    private readonly CancellationTokenSource _stopping = new();
    /// <summary>One publisher at a time gathers a batch; the publishes themselves overlap.</summary>
    private readonly SemaphoreSlim _gathering = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Keep publishing after stoppingToken until the queue is drained or the flush window ends.
        var token = _abandon.Token;
        try
        {
            await Task.WhenAll(Enumerable.Range(0, options.Value.Usage.Publishers).Select(_ => DrainAsync(token)));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            var left = Volatile.Read(ref _inHandAtAbandon);
            while (queue.Reader.TryRead(out _))
            {
                left++;
            }
            if (left > 0)
            {
                metrics.UsageDropped(left);
                Log.DroppedOnShutdown(logger, left);
            }
        }
    }

    /// <summary>
    /// One of several publishers: a publish is a sidecar round trip, so a few in flight keep up with
    /// bursts (the quota subscriber is idempotent on requestId and does not need order).
    /// </summary>
    private async Task DrainAsync(CancellationToken token)
    {
        var batch = new List<UsageRecorded>(options.Value.Usage.MaxBatch);
        while (await GatherAsync(batch, token))
        {
            try
            {
                await PublishWithRetryAsync(batch, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                Interlocked.Add(ref _inHandAtAbandon, batch.Count);
                throw;
            }
            batch.Clear(); // the publisher is done with it once the publish returned
        }
    }

    /// <summary>
    /// Waits for the next event, lingers briefly unless a full batch is already queued, then takes up to
    /// MaxBatch events. False once the queue is completed and empty.
    /// </summary>
    private async Task<bool> GatherAsync(List<UsageRecorded> batch, CancellationToken token)
    {
        var usage = options.Value.Usage;
        await _gathering.WaitAsync(token);
        try
        {
            if (!await queue.Reader.WaitToReadAsync(token))
            {
                return false;
            }
            if (usage.LingerMilliseconds > 0 && queue.Reader.Count < usage.MaxBatch && !_stopping.IsCancellationRequested)
            {
                // At shutdown the linger ends at once: nothing more is coming worth waiting for, and the flush must not
                // depend on the clock moving (a test's fake clock would otherwise hold the stop forever).
                using var linger = CancellationTokenSource.CreateLinkedTokenSource(token, _stopping.Token);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(usage.LingerMilliseconds), time, linger.Token);
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                }
            }
            // Only the gatherer reads, so what WaitToReadAsync saw is still there.
            while (batch.Count < usage.MaxBatch && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            return true;
        }
        finally
        {
            _gathering.Release();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        try
        {
            await _stopping.CancelAsync();
            _abandon.CancelAfter(TimeSpan.FromSeconds(options.Value.Usage.ShutdownFlushSeconds));
        }
        catch (ObjectDisposedException)
        {
            return; // the host disposed this service before stopping it: nothing left to flush
        }
        // Not the host's token: the flush is bounded by _abandon alone (see the summary), so wait for it to end.
        await base.StopAsync(CancellationToken.None);
    }

    public override void Dispose()
    {
        _abandon.Dispose();
        _stopping.Dispose();
        _gathering.Dispose();
        base.Dispose();
    }

    private async Task PublishWithRetryAsync(IReadOnlyList<UsageRecorded> batch, CancellationToken token)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        var maxDelay = TimeSpan.FromMilliseconds(options.Value.Usage.MaxBackoffMilliseconds);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await publisher.PublishAsync(batch, token);
                if (attempt > 1)
                {
                    Log.Recovered(logger, attempt);
                }
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                metrics.UsagePublishFailed();
                if (attempt == 1)
                {
                    Log.PublishFailed(logger, batch.Count, batch[0].RequestId, ex.GetType().Name);
                }
                await Task.Delay(delay, time, token);
                delay = TimeSpan.FromTicks(Math.Min(maxDelay.Ticks, delay.Ticks * 2));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1401, LogLevel.Warning, "Publishing {Count} usage event(s) from {RequestId} failed ({Failure}); retrying with backoff")]
        public static partial void PublishFailed(ILogger logger, int count, string requestId, string failure);

        [LoggerMessage(1402, LogLevel.Information, "Usage publishing recovered after {Attempts} attempts")]
        public static partial void Recovered(ILogger logger, int attempts);

        [LoggerMessage(1403, LogLevel.Error, "{Count} usage events could not be published before shutdown")]
        public static partial void DroppedOnShutdown(ILogger logger, int count);
    }
}
