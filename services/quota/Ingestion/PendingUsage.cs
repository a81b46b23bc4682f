using Dapr.AiProvider.Contracts.Usage;

namespace Dapr.AiProvider.Quota.Ingestion;

/// <summary>An event waiting for its batch; <see cref="Committed"/> completes once its row is durable (or the batch failed).</summary>
internal sealed class PendingUsage(UsageRecorded usage, bool deadLetter)
{
    private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public UsageRecorded Usage { get; } = usage;
    public bool DeadLetter { get; } = deadLetter;
    public Task Committed => _committed.Task;

    public void Succeed() => _committed.TrySetResult();

    public void Fail(Exception error) => _committed.TrySetException(error);
}
