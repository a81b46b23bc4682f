using System.Diagnostics;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Bench;
using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Diagnostics;
using Dapr.AiProvider.Router.Options;
using Dapr.AiProvider.Router.Routing;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Failover;

/// <summary>
/// Walks a route plan acting on each failure's <see cref="FailoverAction"/>: Stop answers the caller,
/// NextCandidate moves on, NextCandidateAndCount moves on and retries that candidate once at the end.
/// Bounded by <see cref="RouterOptions.MaxAttempts"/> and a total deadline.
/// </summary>
internal sealed class FailoverExecutor(
    CircuitBreakerRegistry circuits, BenchCoordinator benches, LatencyTracker latency, InFlightTracker inFlight, Health.ProviderHealthTracker health,
    IOptions<RouterOptions> options, TimeProvider time, RouterMetrics metrics)
{
    public async Task<FailoverResult<T>> ExecuteAsync<T>(
        RoutePlan plan, Func<Candidate, CancellationToken, Task<AttemptOutcome<T>>> attempt, CancellationToken cancellationToken)
        where T : class
    {
        var settings = options.Value;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TotalDeadlineSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var queue = new List<Candidate>(plan.Candidates);
        var retried = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var records = new List<AttemptRecord>();
        var attempts = 0;
        double upstreamMs = 0;
        ErrorClass? lastClass = null;
        for (var i = 0; i < queue.Count && attempts < settings.MaxAttempts; i++)
        {
            var candidate = queue[i];
            if (!circuits.TryEnter(candidate.Provider, candidate.ModelName, out var permit))
            {
                records.Add(new AttemptRecord(candidate.Id, null, "circuit open", 0, null) { Skipped = true });
                continue;
            }
            attempts++;
            if (attempts > 1)
            {
                metrics.Failover(candidate.Provider);
            }
            var started = Stopwatch.GetTimestamp();
            AttemptOutcome<T> outcome;
            try
            {
                using var busy = inFlight.Enter(candidate.Id);
                outcome = await attempt(candidate, linked.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                circuits.ReleaseProbe(permit);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                records.Add(new AttemptRecord(candidate.Id, ErrorClass.Timeout, "deadline exceeded", elapsed, null));
                return Failed<T>(records, true, ErrorClass.Timeout, upstreamMs + elapsed);
            }
            catch
            {
                circuits.ReleaseProbe(permit);
                throw;
            }
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            upstreamMs += elapsedMs;
            if (outcome.Value is { } value)
            {
                await circuits.OnSuccessAsync(permit, cancellationToken);
                latency.Record(candidate.Id, elapsedMs);
                health.Success(candidate.Provider, time.GetUtcNow());
                records.Add(new AttemptRecord(candidate.Id, null, null, elapsedMs, null));
                return new FailoverResult<T> { Value = value, Winner = candidate, Attempts = records, UpstreamMs = upstreamMs };
            }
            var error = outcome.Error ?? new AdapterError { Class = ErrorClass.UpstreamError, Message = "no result" };
            lastClass = error.Class;
            records.Add(new AttemptRecord(candidate.Id, error.Class, error.Message, elapsedMs, error.RetryAt));
            await circuits.OnFailureAsync(permit, error with { Provider = candidate.Provider, Model = candidate.ModelName }, cancellationToken);
            health.Failure(candidate.Provider, error.Class, time.GetUtcNow());
            benches.Apply(error with { Provider = candidate.Provider, Model = candidate.ModelName });
            switch (error.Class.Action())
            {
                case FailoverAction.Stop:
                    return new FailoverResult<T>
                    {
                        Attempts = records, Error = FailoverErrors.ForStop(error), LastErrorClass = error.Class, UpstreamMs = upstreamMs,
                    };
                case FailoverAction.NextCandidateAndCount when retried.Add(candidate.Id):
                    queue.Add(candidate);
                    break;
            }
        }
        return Failed<T>(records, false, lastClass, upstreamMs);
    }

    private FailoverResult<T> Failed<T>(List<AttemptRecord> records, bool deadlineHit, ErrorClass? lastClass, double upstreamMs)
        where T : class => new()
    {
        Attempts = records,
        Error = FailoverErrors.ForExhausted(records, deadlineHit, time.GetUtcNow()),
        LastErrorClass = lastClass,
        UpstreamMs = upstreamMs,
    };
}
