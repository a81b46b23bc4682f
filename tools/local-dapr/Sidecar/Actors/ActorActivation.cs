using System.Collections.Concurrent;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>
/// One active actor in this instance: its turn (one call at a time; a call carrying the reentrancy id
/// of the call holding the turn may enter, up to the stack limit), last-use time and in-memory timers.
/// </summary>
internal sealed class ActorActivation(string type, string id, DateTimeOffset now)
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _sync = new();
    private readonly TaskCompletionSource _gone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _holder;
    private int _depth;
    private int _busy;
    private long _lastUsed = now.UtcTicks;

    public string Type { get; } = type;
    public string Id { get; } = id;
    public bool Deactivated { get; private set; }
    public bool Busy => Volatile.Read(ref _busy) > 0;
    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsed), TimeSpan.Zero);
    public ConcurrentDictionary<string, CancellationTokenSource> Timers { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Completes once a deactivated actor has left the table (the app was told and the owner key released):
    /// until then calls for the id wait, so no new activation can start anywhere while the old one is ending.
    /// </summary>
    public Task Gone => _gone.Task;

    public void MarkGone() => _gone.TrySetResult();

    /// <summary>Waits for the turn. Returns null when the actor was deactivated meanwhile (look it up again).</summary>
    /// <exception cref="InvalidOperationException">The reentrancy stack limit was passed.</exception>
    public async Task<IDisposable?> EnterAsync(string? reentrancyId, int maxDepth, CancellationToken ct)
    {
        Interlocked.Increment(ref _busy);
        lock (_sync)
        {
            if (reentrancyId is not null && _holder == reentrancyId)
            {
                if (_depth >= maxDepth)
                {
                    Interlocked.Decrement(ref _busy);
                    throw new InvalidOperationException("maximum stack depth exceeded");
                }
                _depth++;
                return new Turn(this, reentered: true);
            }
        }
        try
        {
            await _turn.WaitAsync(ct);
        }
        catch
        {
            Interlocked.Decrement(ref _busy);
            throw;
        }
        if (Deactivated)
        {
            _turn.Release();
            Interlocked.Decrement(ref _busy);
            return null;
        }
        lock (_sync)
        {
            _holder = reentrancyId;
            _depth = 1;
        }
        return new Turn(this, reentered: false);
    }

    /// <summary>Takes the turn for deactivation if the actor is idle; false when a call is pending.</summary>
    public bool TryBeginDeactivation()
    {
        if (Busy || !_turn.Wait(0))
        {
            return false;
        }
        if (Busy)
        {
            _turn.Release();
            return false;
        }
        Deactivated = true;
        foreach (var timer in Timers.Values)
        {
            timer.Cancel();
        }
        _turn.Release();
        return true;
    }

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastUsed, now.UtcTicks);

    private void Exit(bool reentered)
    {
        if (reentered)
        {
            lock (_sync)
            {
                _depth--;
            }
        }
        else
        {
            lock (_sync)
            {
                _holder = null;
                _depth = 0;
            }
            _turn.Release();
        }
        Interlocked.Decrement(ref _busy);
    }

    private sealed class Turn(ActorActivation owner, bool reentered) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Exit(reentered);
            }
        }
    }
}
