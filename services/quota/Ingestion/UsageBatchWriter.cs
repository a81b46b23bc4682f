using System.Threading.Channels;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Quota.Diagnostics;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Quota.Ingestion;

/// <summary>
/// Takes usage events off the request path: handlers enqueue into a bounded channel and await their
/// batch's commit; one background loop drains the channel into multi-row INSERTs. A failed batch fails
/// every event in it, so each delivery is answered RETRY and redelivered by the sidecar.
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
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.CommitTimeout);
        var pending = new PendingUsage(usage, deadLetter);
        await _queue.Writer.WriteAsync(pending, timeout.Token);
        await pending.Committed.WaitAsync(timeout.Token);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingUsage>(_options.MaxBatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }
                await FlushAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            var stopping = new OperationCanceledException("The usage writer is stopping.");
            foreach (var item in batch)
            {
                item.Fail(stopping);
            }
            while (_queue.Reader.TryRead(out var left))
            {
                left.Fail(stopping);
            }
        }
    }

    private async Task FlushAsync(List<PendingUsage> batch, CancellationToken stoppingToken)
    {
        try
        {
            var inserted = await _repository.InsertAsync(batch, stoppingToken);
            _metrics.UsageWritten(inserted, batch.Count - inserted);
            foreach (var item in batch)
            {
                item.Succeed();
            }
            batch.Clear();
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            Log.BatchFailed(_logger, batch.Count, ex.GetType().Name, ex.Message);
            _metrics.UsageWriteFailed(batch.Count);
            foreach (var item in batch)
            {
                item.Fail(ex);
            }
            batch.Clear();
            await Task.Delay(_options.FailureBackoff, _time, stoppingToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Usage batch of {Count} not written ({Error}: {Message}); deliveries will be retried")]
        public static partial void BatchFailed(ILogger logger, int count, string error, string message);
    }
}
