namespace Dapr.AiProvider.Router.Console;

/// <summary>
/// The last <see cref="Capacity"/> finished requests of this replica with their routing explanation, for the
/// console's Decisions and Overview pages. Bounded and in memory: the ledger (quota) keeps the durable record;
/// this keeps the why (route reason, failed candidates, cache) that the ledger does not.
/// </summary>
internal sealed class DecisionLog
{
    public const int Capacity = 1000;

    private readonly DecisionEntry[] _ring = new DecisionEntry[Capacity];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(DecisionEntry entry)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _ring[_next] = entry;
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    /// <summary>Newest first.</summary>
    public DecisionEntry[] Recent()
    {
        lock (_lock)
        {
            var result = new DecisionEntry[_count];
            for (var i = 0; i < _count; i++)
            {
                result[i] = _ring[(_next - 1 - i + Capacity) % Capacity];
            }
            return result;
        }
    }

    /// <summary>Completes at the next <see cref="Add"/> (the live view waits on it).</summary>
    public Task NextChange()
    {
        lock (_lock)
        {
            return _changed.Task;
        }
    }
}
