using Dapr.AiProvider.Router.Configuration;

namespace Dapr.AiProvider.Router.Circuits;

/// <summary>Pure transitions of one breaker: closed → open after N counted failures, open → half-open
/// when the cool-down ends, half-open → closed on a successful probe or back to open on a failed one.</summary>
internal static class CircuitPolicy
{
    public static CircuitState OnFailure(CircuitState current, DateTimeOffset now, DateTimeOffset? retryAt, string reason, CircuitOptions options)
    {
        var failures = current.Failures + 1;
        var coolDown = now.AddSeconds(options.OpenSeconds);
        var nextRetry = retryAt is { } at && at > coolDown ? at : coolDown;
        var opens = current.State == CircuitStatus.HalfOpen
                    || current.State == CircuitStatus.Open
                    || failures >= options.FailureThreshold;
        return new CircuitState
        {
            State = opens ? CircuitStatus.Open : CircuitStatus.Closed,
            Failures = failures,
            LastFailure = now,
            NextRetryAt = opens ? nextRetry : null,
            Reason = reason,
        };
    }

    public static CircuitState OnSuccess(CircuitState current) =>
        current.State == CircuitStatus.Closed && current.Failures == 0 ? current : CircuitState.Closed;

    /// <summary>Open with the cool-down over becomes half-open (probes allowed).</summary>
    public static CircuitStatus Effective(CircuitState state, DateTimeOffset now) =>
        state.State == CircuitStatus.Open && state.NextRetryAt is { } at && now >= at ? CircuitStatus.HalfOpen : state.State;
}
