using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Routing;

namespace Dapr.AiProvider.Router.Failover;

/// <summary>
/// The result of one attempt against one candidate. Closed: a value, a classified provider failure, or the hop to
/// provider-adapters failing (<see cref="Unreachable"/>), which says nothing about the provider.
/// </summary>
internal abstract record AttemptOutcome<T>
{
    private AttemptOutcome()
    {
    }

    public static AttemptOutcome<T> Success(T value) => new Succeeded(value);

    public static AttemptOutcome<T> Failure(AdapterError error) => new Failed(error);

    public static AttemptOutcome<T> HopFailed(string reason) => new Unreachable(reason);

    public static AttemptOutcome<T> HopRefused(string reason) => new HopBreakerOpen(reason);

    public static AttemptOutcome<T> NotSent(string reason, DateTimeOffset? retryAt) => new Skipped(reason, retryAt);

    public sealed record Succeeded(T Value) : AttemptOutcome<T>;

    public sealed record Failed(AdapterError Error) : AttemptOutcome<T>;

    /// <summary>
    /// provider-adapters could not be reached (the router's sidecar is down, or it answered daprd's
    /// <c>ERR_DIRECT_INVOKE</c>: the adapters app or its sidecar is down).
    /// Every candidate goes through the same hop, so this neither counts toward a provider's circuit nor moves on:
    /// the same candidate is tried again after a backoff.
    /// </summary>
    public sealed record Unreachable(string Reason) : AttemptOutcome<T>;

    /// <summary>
    /// The router's sidecar refused the hop itself: its circuit breaker for provider-adapters is open (or half-open with
    /// its probes taken). daprd rejects every call until the breaker's <c>timeout</c> passed, and counts each retry as
    /// one more failure, so retrying only prolongs the outage: the request fails fast instead.
    /// </summary>
    public sealed record HopBreakerOpen(string Reason) : AttemptOutcome<T>;

    /// <summary>
    /// Not sent: the gateway knew before calling that the candidate would refuse or overspend (its free-tier window is
    /// spent, a provider limit reached, the budget cannot cover it). No attempt used, nothing counted against the provider.
    /// </summary>
    /// <param name="Reason">A code for the decision header, e.g. <c>free_window_exhausted</c>.</param>
    public sealed record Skipped(string Reason, DateTimeOffset? RetryAt) : AttemptOutcome<T>;
}

/// <summary>What happened to one candidate (for headers, usage and the final error message).</summary>
internal sealed record AttemptRecord(string ModelId, ErrorClass? ErrorClass, string? Message, double ElapsedMs, DateTimeOffset? RetryAt)
{
    /// <summary>Not tried: its circuit was open or its half-open probes were taken, or <see cref="SkipReason"/>.</summary>
    public bool Skipped { get; init; }

    /// <summary>Why it was not tried, as a code (<c>circuit_open</c>, <c>free_window_exhausted</c>, …).</summary>
    public string SkipReason { get; init; } = "circuit_open";
}

/// <summary>
/// The winning attempt, still open: whoever finishes the answer (the pipeline for a completion, the relay for a
/// stream) reports its end to <see cref="AttemptSink"/> exactly once.
/// </summary>
internal sealed record AttemptTicket(Candidate Candidate, CircuitPermit Permit, double ElapsedMs);

/// <summary>The whole failover run. Closed: <see cref="Won"/> or <see cref="Lost"/>.</summary>
internal abstract record FailoverResult<T>
{
    private FailoverResult(IReadOnlyList<AttemptRecord> attempts, double upstreamMs)
    {
        Attempts = attempts;
        UpstreamMs = upstreamMs;
    }

    public IReadOnlyList<AttemptRecord> Attempts { get; }

    /// <summary>Milliseconds spent waiting on provider-adapters (to separate gateway overhead).</summary>
    public double UpstreamMs { get; }

    /// <summary>Attempts actually sent (circuit-skipped candidates excluded).</summary>
    /// <remarks>Plain loops here and in <see cref="Fallbacks"/>: both are read on every request, and LINQ over the
    /// interface allocated its iterators each time (docs/benchmarks-peer.md, "Session 11: the router's miss path").</remarks>
    public int Sent
    {
        get
        {
            var sent = 0;
            for (var i = 0; i < Attempts.Count; i++)
            {
                sent += Attempts[i].Skipped ? 0 : 1;
            }
            return sent;
        }
    }

    /// <summary>Candidates that failed or were skipped before the end, e.g. <c>openai/gpt-4o:rate_limited</c>.</summary>
    public IReadOnlyList<string> Fallbacks
    {
        get
        {
            List<string>? fallbacks = null;
            for (var i = 0; i < Attempts.Count; i++)
            {
                if (Attempts[i] is { } a && (a.ErrorClass is not null || a.Skipped))
                {
                    (fallbacks ??= []).Add($"{a.ModelId}:{(a.ErrorClass is { } c ? ErrorClassNames.Of(c) : a.SkipReason)}");
                }
            }
            return fallbacks is null ? [] : fallbacks;
        }
    }

    /// <summary>A candidate answered; <paramref name="Ticket"/> is still to be reported.</summary>
    public sealed record Won(T Value, AttemptTicket Ticket, IReadOnlyList<AttemptRecord> Attempts, double UpstreamMs)
        : FailoverResult<T>(Attempts, UpstreamMs)
    {
        public Candidate Winner => Ticket.Candidate;
    }

    /// <summary>No candidate answered: the error for the caller and the last failure's class (for the usage event).</summary>
    public sealed record Lost(GatewayError Error, ErrorClass? LastErrorClass, IReadOnlyList<AttemptRecord> Attempts, double UpstreamMs)
        : FailoverResult<T>(Attempts, UpstreamMs);
}
