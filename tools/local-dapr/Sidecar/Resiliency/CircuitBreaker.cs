namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>
/// One breaker instance with sony/gobreaker's state machine (as daprd uses it): closed counts per
/// generation (reset every <c>interval</c> if set) and trips when the trip expression holds after a
/// failure; open rejects until <c>timeout</c>; half-open lets <c>maxRequests</c> through, closes after
/// that many consecutive successes, re-opens on any failure.
/// </summary>
internal sealed class CircuitBreaker(BreakerSpec spec, TimeProvider time, string name = "", Action<string, BreakerState, BreakerState>? onStateChange = null)
{
    public const string OpenMessage = "circuit breaker is open";
    public const string TooManyRequestsMessage = "too many requests";

    private readonly Lock _gate = new();
    private BreakerState _state = BreakerState.Closed;
    private long _generation;
    private BreakerCounts _counts;
    private DateTimeOffset? _expiry = spec.Interval > TimeSpan.Zero ? time.GetUtcNow() + spec.Interval : null;

    public BreakerState State
    {
        get
        {
            lock (_gate)
            {
                return CurrentState(time.GetUtcNow());
            }
        }
    }

    /// <summary>Admits a request: its generation, or the rejection text when not admitted.</summary>
    public bool TryEnter(out long generation, out string? rejection)
    {
        lock (_gate)
        {
            var state = CurrentState(time.GetUtcNow());
            generation = _generation;
            rejection = state switch
            {
                BreakerState.Open => OpenMessage,
                BreakerState.HalfOpen when _counts.Requests >= spec.MaxRequests => TooManyRequestsMessage,
                _ => null,
            };
            if (rejection is null)
            {
                _counts = _counts with { Requests = _counts.Requests + 1 };
            }

            return rejection is null;
        }
    }

    public void Exit(long generation, bool success)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var state = CurrentState(now);
            if (generation != _generation)
            {
                return;
            }

            if (success)
            {
                _counts = _counts with
                {
                    TotalSuccesses = _counts.TotalSuccesses + 1,
                    ConsecutiveSuccesses = _counts.ConsecutiveSuccesses + 1,
                    ConsecutiveFailures = 0,
                };
                if (state == BreakerState.HalfOpen && _counts.ConsecutiveSuccesses >= spec.MaxRequests)
                {
                    SetState(BreakerState.Closed, now);
                }

                return;
            }

            _counts = _counts with
            {
                TotalFailures = _counts.TotalFailures + 1,
                ConsecutiveFailures = _counts.ConsecutiveFailures + 1,
                ConsecutiveSuccesses = 0,
            };
            if (state == BreakerState.HalfOpen || (state == BreakerState.Closed && spec.Trip.Evaluate(_counts)))
            {
                SetState(BreakerState.Open, now);
            }
        }
    }

    private BreakerState CurrentState(DateTimeOffset now)
    {
        if (_state == BreakerState.Closed && _expiry is { } closedExpiry && closedExpiry <= now)
        {
            NewGeneration(now);
        }
        else if (_state == BreakerState.Open && _expiry is { } openExpiry && openExpiry <= now)
        {
            SetState(BreakerState.HalfOpen, now);
        }

        return _state;
    }

    private void SetState(BreakerState state, DateTimeOffset now)
    {
        var from = _state;
        _state = state;
        onStateChange?.Invoke(name, from, state);
        NewGeneration(now);
    }

    private void NewGeneration(DateTimeOffset now)
    {
        _generation++;
        _counts = default;
        _expiry = _state switch
        {
            BreakerState.Closed => spec.Interval > TimeSpan.Zero ? now + spec.Interval : null,
            BreakerState.Open => now + spec.Timeout,
            _ => null,
        };
    }
}

internal enum BreakerState { Closed, HalfOpen, Open }
