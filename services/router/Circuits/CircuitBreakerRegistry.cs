using Dapr.AiProvider.Router.State;
using System.Collections.Concurrent;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Diagnostics;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Circuits;

/// <summary>
/// Breakers per provider and per provider+model. Reads come from an in-memory view refreshed from the
/// shared store; transitions are read-modify-write with ETags so replicas never overwrite each other.
/// With the store unreachable the local view keeps working (degraded, logged).
/// </summary>
internal sealed partial class CircuitBreakerRegistry(
    ICircuitStore store, IOptions<RouterOptions> options, TimeProvider time, RouterMetrics metrics, ILogger<CircuitBreakerRegistry> logger)
{
    private const int MaxWriteAttempts = 8;
    private readonly CircuitOptions _options = options.Value.Circuit;
    private readonly ConcurrentDictionary<string, CircuitState> _view = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox> _probes = new(StringComparer.Ordinal);

    public IReadOnlyList<string> KnownKeys => [.. _view.Keys];

    public CircuitState View(string key) => _view.TryGetValue(key, out var state) ? state : CircuitState.Closed;

    public (bool Available, string? Reason, DateTimeOffset? RetryAt) Check(string provider, string model, DateTimeOffset now)
    {
        foreach (var key in Keys(provider, model))
        {
            var state = View(key);
            switch (CircuitPolicy.Effective(state, now))
            {
                case CircuitStatus.Open:
                    return (false, $"circuit open ({state.Reason})", state.NextRetryAt);
                case CircuitStatus.HalfOpen when ProbesInFlight(key) >= _options.HalfOpenProbes:
                    return (false, "circuit half-open, probe in progress", now.AddSeconds(1));
            }
        }
        return (true, null, null);
    }

    /// <summary>Takes a permit; false when a breaker is open or its half-open probes are all in use.</summary>
    public bool TryEnter(string provider, string model, out CircuitPermit permit)
    {
        var now = time.GetUtcNow();
        string? probeKey = null;
        foreach (var key in Keys(provider, model))
        {
            var status = CircuitPolicy.Effective(View(key), now);
            if (status == CircuitStatus.Open)
            {
                permit = new CircuitPermit(provider, model, null);
                return false;
            }
            if (status == CircuitStatus.HalfOpen && probeKey is null)
            {
                var box = _probes.GetOrAdd(key, _ => new StrongBox());
                if (Interlocked.Increment(ref box.Value) > _options.HalfOpenProbes)
                {
                    Interlocked.Decrement(ref box.Value);
                    permit = new CircuitPermit(provider, model, null);
                    return false;
                }
                probeKey = key;
            }
        }
        permit = new CircuitPermit(provider, model, probeKey);
        return true;
    }

    public async Task OnSuccessAsync(CircuitPermit permit, CancellationToken cancellationToken)
    {
        ReleaseProbe(permit);
        foreach (var key in Keys(permit.Provider, permit.Model))
        {
            var state = View(key);
            if (state.State != CircuitStatus.Closed || state.Failures != 0)
            {
                await ApplyAsync(key, CircuitPolicy.OnSuccess, cancellationToken);
            }
        }
    }

    public async Task OnFailureAsync(CircuitPermit permit, AdapterError error, CancellationToken cancellationToken)
    {
        ReleaseProbe(permit);
        if (!error.Class.CountsTowardCircuit())
        {
            return;
        }
        var key = error.PerModel ? StateKeys.ModelCircuit(permit.Provider, permit.Model) : StateKeys.ProviderCircuit(permit.Provider);
        var now = time.GetUtcNow();
        var reason = error.Class.ToString();
        await ApplyAsync(key, s => CircuitPolicy.OnFailure(s, now, error.RetryAt, reason, _options), cancellationToken);
    }

    public void ReleaseProbe(CircuitPermit permit)
    {
        if (permit.ProbeKey is { } key && _probes.TryGetValue(key, out var box))
        {
            Interlocked.Decrement(ref box.Value);
        }
    }

    /// <summary>Reloads the given keys from the shared store (other replicas' transitions).</summary>
    public async Task RefreshAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var stored = await store.GetManyAsync(keys, cancellationToken);
        foreach (var key in keys)
        {
            var state = stored.TryGetValue(key, out var item) ? item.State ?? CircuitState.Closed : CircuitState.Closed;
            SetView(key, state);
        }
    }

    private async Task ApplyAsync(string key, Func<CircuitState, CircuitState> transition, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
            {
                var stored = await store.GetAsync(key, cancellationToken);
                var current = stored.State ?? CircuitState.Closed;
                var next = transition(current);
                if (next == current || await store.TrySaveAsync(key, next, stored.ETag, cancellationToken))
                {
                    SetView(key, next);
                    return;
                }
            }
            Log.Contended(logger, key);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.StoreUnavailable(logger, key, ex.GetType().Name);
        }
        SetView(key, transition(View(key)));
    }

    private void SetView(string key, CircuitState state)
    {
        var previous = View(key);
        _view[key] = state;
        if (previous.State != state.State)
        {
            metrics.CircuitTransition(key, state.State);
            Log.Transition(logger, key, previous.State, state.State, state.NextRetryAt);
        }
    }

    private int ProbesInFlight(string key) => _probes.TryGetValue(key, out var box) ? Volatile.Read(ref box.Value) : 0;

    private static string[] Keys(string provider, string model) => [StateKeys.ProviderCircuit(provider), StateKeys.ModelCircuit(provider, model)];

    private sealed class StrongBox
    {
        public int Value;
    }

    private static partial class Log
    {
        [LoggerMessage(1201, LogLevel.Warning, "Circuit {Key}: {From} -> {To} (next retry {NextRetryAt})")]
        public static partial void Transition(ILogger logger, string key, CircuitStatus from, CircuitStatus to, DateTimeOffset? nextRetryAt);

        [LoggerMessage(1202, LogLevel.Warning, "Circuit store unavailable for {Key} ({Failure}); using the local view")]
        public static partial void StoreUnavailable(ILogger logger, string key, string failure);

        [LoggerMessage(1203, LogLevel.Warning, "Circuit {Key}: ETag contention persisted; applied locally")]
        public static partial void Contended(ILogger logger, string key);
    }
}
