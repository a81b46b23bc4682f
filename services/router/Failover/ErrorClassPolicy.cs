using Dapr.AiProvider.Contracts;

namespace Dapr.AiProvider.Router.Failover;

/// <summary>What the router should do with a failure of a given class.</summary>
internal enum FailoverAction
{
    /// <summary>The request itself is wrong: answer the caller, try nobody else.</summary>
    Stop,
    /// <summary>This provider/model cannot serve now: try the next candidate.</summary>
    NextCandidate,
    /// <summary>Transient: the next candidate, and this one again later.</summary>
    NextCandidateAndCount,
}

/// <summary>
/// The router's reading of <see cref="ErrorClass"/> (Contracts only names the classes): the failover action and
/// whether a class counts toward a circuit. Wire names: <see cref="ErrorClassNames"/>.
/// </summary>
internal static class ErrorClassPolicy
{
    public static FailoverAction Action(this ErrorClass error) => error switch
    {
        ErrorClass.InvalidRequest or ErrorClass.ContentFiltered => FailoverAction.Stop,
        ErrorClass.Overloaded or ErrorClass.Timeout or ErrorClass.UpstreamError
            or ErrorClass.StreamInterrupted => FailoverAction.NextCandidateAndCount,
        _ => FailoverAction.NextCandidate,
    };

    /// <summary>Failures that say something about the provider's health (feed the circuit breaker).</summary>
    public static bool CountsTowardCircuit(this ErrorClass error) =>
        error is ErrorClass.Overloaded or ErrorClass.Timeout or ErrorClass.UpstreamError
            or ErrorClass.StreamInterrupted;
}
