using System.Threading.Channels;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Quota.Diagnostics;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Quota.Ingestion;

/// <summary>
/// Takes usage events off the request path: handlers enqueue into a bounded channel and await their
/// batch's commit; one background loop drains the channel into batches, up to
/// <see cref="IngestionOptions.MaxConcurrentBatches"/> written at once. A failed batch fails every event
/// in it, so each delivery is answered RETRY and redelivered by the sidecar.
/// </summary>
internal sealed partial class UsageBatchWriter : BackgroundService
{
    private readonly Channel<PendingUsage> _queue;
    private readonly UsageRepository _repository;
    private readonly IngestionOptions _options;
    private readonly QuotaMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<UsageBatchWriter> _logger;

    public UsageBatchWriter(UsageRepository repository, IOptions<IngestionOptions> options, QuotaMetrics metrics,
        TimeProvider time, ILogger<UsageBatchWriter> logger)
    {
        _repository = repository;
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<PendingUsage>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Completes when the event's row is committed (new or already present); throws when it could not be.</summary>
    public async Task WriteAsync(UsageRecorded usage, bool deadLetter, CancellationToken cancellationToken)
    {
        var pending = new PendingUsage(usage, deadLetter);
        if (!_queue.Writer.TryWrite(pending))
        {
            // Queue full: wait for room, but not past the commit timeout.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.CommitTimeout);
            await _queue.Writer.WriteAsync(pending, timeout.Token);
        }
        await pending.Committed.WaitAsync(_options.CommitTimeout, _time, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A slot is taken before the batch is gathered: while every slot is busy, events pile up in the
        // channel and the next batch is larger, so batch size follows the load without a timer.
        using var slots = new SemaphoreSlim(_options.MaxConcurrentBatches);
        var flushes = new List<Task>();
        try
        {
            while (true)
            {
                await slots.WaitAsync(stoppingToken);
                if (!await _queue.Reader.WaitToReadAsync(stoppingToken))
                {
                    break;
                }
                var batch = new List<PendingUsage>(Math.Min(_options.MaxBatchSize, _queue.Reader.Count));
                while (batch.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }
                flushes.RemoveAll(f => f.IsCompleted);
                flushes.Add(FlushAsync(batch, slots, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Batches already sent finish (or fail) on their own; what never left the queue is answered RETRY.
            await Task.WhenAll(flushes);
            var stopping = new OperationCanceledException("The usage writer is stopping.");
            while (_queue.Reader.TryRead(out var left))
            {
                left.Fail(stopping);
            }
        }
    }

    private async Task FlushAsync(List<PendingUsage> batch, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        await Task.Yield(); // the gathering loop goes on while this batch is written
        try
        {
            var started = _time.GetTimestamp();
            var inserted = await _repository.InsertAsync(batch, stoppingToken);
            _metrics.UsageWritten(inserted, batch.Count - inserted);
            _metrics.BatchCommitted(batch.Select(p => p.Usage), _time.GetElapsedTime(started), _time.GetUtcNow());
            foreach (var item in batch)
            {
                item.Succeed();
            }
        }
        catch (Exception ex)
        {
            if (!stoppingToken.IsCancellationRequested)
            {
                Log.BatchFailed(_logger, batch.Count, ex.GetType().Name, ex.Message);
                _metrics.UsageWriteFailed(batch.Count);
            }
            foreach (var item in batch)
            {
                item.Fail(ex);
            }
            await PauseAsync(stoppingToken);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>After a failed batch the slot stays taken a while, so an unreachable PostgreSQL is not hammered.</summary>
    private async Task PauseAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(_options.FailureBackoff, _time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Usage batch of {Count} not written ({Error}: {Message}); deliveries will be retried")]
        public static partial void BatchFailed(ILogger logger, int count, string error, string message);
    }
}
