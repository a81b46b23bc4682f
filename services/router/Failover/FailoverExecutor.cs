using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Routing;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Failover;

/// <summary>
/// Walks a route plan acting on each failure's <see cref="FailoverAction"/>: Stop answers the caller,
/// NextCandidate moves on, NextCandidateAndCount moves on and retries that candidate once at the end.
/// Bounded by <see cref="RouterOptions.MaxAttempts"/> and a total deadline. Failed attempts are reported
/// to the <see cref="AttemptSink"/> here; the winner's ticket goes back to the caller to report when its answer ends.
/// </summary>
internal sealed class FailoverExecutor(
    CircuitBreakerRegistry circuits, AttemptSink sink, InFlightTracker inFlight, IOptions<RouterOptions> options, TimeProvider time)
{
    public async Task<FailoverResult<T>> ExecuteAsync<T>(
        RoutePlan plan, Func<Candidate, CancellationToken, Task<AttemptOutcome<T>>> attempt, CancellationToken cancellationToken)
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
            sink.Starting(candidate, isFallback: attempts > 1);
            var started = time.GetTimestamp();
            AttemptOutcome<T> outcome;
            try
            {
                using var busy = inFlight.Enter(candidate.Id);
                outcome = await attempt(candidate, linked.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                sink.Abandoned(permit);
                var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
                records.Add(new AttemptRecord(candidate.Id, ErrorClass.Timeout, "deadline exceeded", elapsed, null));
                return Exhausted<T>(records, true, ErrorClass.Timeout, upstreamMs + elapsed);
            }
            catch
            {
                sink.Abandoned(permit);
                throw;
            }
            var elapsedMs = time.GetElapsedTime(started).TotalMilliseconds;
            upstreamMs += elapsedMs;
            switch (outcome)
            {
                case AttemptOutcome<T>.Succeeded(var value):
                    records.Add(new AttemptRecord(candidate.Id, null, null, elapsedMs, null));
                    return new FailoverResult<T>.Won(value, new AttemptTicket(candidate, permit, elapsedMs), records, upstreamMs);
                case AttemptOutcome<T>.Failed(var error):
                    lastClass = error.Class;
                    records.Add(new AttemptRecord(candidate.Id, error.Class, error.Message, elapsedMs, error.RetryAt));
                    await sink.FailedAsync(candidate, permit, error, cancellationToken);
                    switch (error.Class.Action())
                    {
                        case FailoverAction.Stop:
                            return new FailoverResult<T>.Lost(FailoverErrors.ForStop(error), error.Class, records, upstreamMs);
                        case FailoverAction.NextCandidateAndCount when retried.Add(candidate.Id):
                            queue.Add(candidate);
                            break;
                    }
                    break;
            }
        }
        return Exhausted<T>(records, false, lastClass, upstreamMs);
    }

    private FailoverResult<T>.Lost Exhausted<T>(List<AttemptRecord> records, bool deadlineHit, ErrorClass? lastClass, double upstreamMs) =>
        new(FailoverErrors.ForExhausted(records, deadlineHit, time.GetUtcNow()), lastClass, records, upstreamMs);
}
