using System.Collections.Concurrent;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Router.Usage;

namespace Dapr.AiProvider.Router.Tests.Fakes;

/// <summary>Records published events; can be told to fail the next N publishes (a broker blip).</summary>
internal sealed class RecordingUsagePublisher : IUsagePublisher
{
    private int _failuresLeft;

    public ConcurrentQueue<UsageRecorded> Published { get; } = new();
    public int Attempts;

    public void FailNext(int count) => _failuresLeft = count;

    /// <summary>Sizes of the batches published, in order.</summary>
    public ConcurrentQueue<int> Batches { get; } = new();

    public Task PublishAsync(IReadOnlyList<UsageRecorded> events, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Attempts);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new HttpRequestException("broker unavailable");
        }
        foreach (var usage in events)
        {
            Published.Enqueue(usage);
        }
        Batches.Enqueue(events.Count);
        return Task.CompletedTask;
    }

    public async Task<UsageRecorded> WaitForAsync(string requestId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var found = Published.FirstOrDefault(u => u.RequestId == requestId);
            if (found is not null)
            {
                return found;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"usage event {requestId} was not published");
    }
}
