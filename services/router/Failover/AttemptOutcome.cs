using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Routing;

namespace Dapr.AiProvider.Router.Failover;

/// <summary>The result of one attempt against one candidate: a value, or a classified failure.</summary>
public sealed record AttemptOutcome<T>(T? Value, AdapterError? Error) where T : class
{
    public static AttemptOutcome<T> Success(T value) => new(value, null);
    public static AttemptOutcome<T> Failure(AdapterError error) => new(null, error);
}

/// <summary>What happened to one candidate (for headers, usage and the final error message).</summary>
public sealed record AttemptRecord(string ModelId, ErrorClass? ErrorClass, string? Message, double ElapsedMs, DateTimeOffset? RetryAt)
{
    /// <summary>Not tried: its circuit was open or its half-open probes were taken.</summary>
    public bool Skipped { get; init; }
}

/// <summary>The whole failover run: the winner and its value, or the error for the caller.</summary>
public sealed record FailoverResult<T> where T : class
{
    public T? Value { get; init; }
    public Candidate? Winner { get; init; }
    public IReadOnlyList<AttemptRecord> Attempts { get; init; } = [];
    public GatewayError? Error { get; init; }
    /// <summary>The class of the last failure, for the usage event.</summary>
    public ErrorClass? LastErrorClass { get; init; }
    /// <summary>Milliseconds spent waiting on provider-adapters (to separate gateway overhead).</summary>
    public double UpstreamMs { get; init; }
}
