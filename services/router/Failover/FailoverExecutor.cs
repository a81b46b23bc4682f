using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Diagnostics;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Routing;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Failover;

/// <summary>
/// Walks a route plan acting on each failure's <see cref="FailoverAction"/>: Stop answers the caller,
/// NextCandidate moves on, NextCandidateAndCount moves on and retries that candidate once at the end, after a
/// backoff. A failed hop to provider-adapters (<see cref="AttemptOutcome{T}.Unreachable"/>) retries the same
/// candidate after a backoff for up to <see cref="RouterOptions.HopRetrySeconds"/>, without counting it against
/// the provider; when the router's sidecar says its breaker on that hop is open
/// (<see cref="AttemptOutcome{T}.HopBreakerOpen"/>) it is not retried on the backoff (daprd would refuse every try until the
/// breaker half-opens) but once per breaker <c>timeout</c>, and answered 503 at once when that would outlast
/// <see cref="RouterOptions.HopRetrySeconds"/>. Bounded by <see cref="RouterOptions.MaxAttempts"/> and a total deadline. Failed attempts are
/// reported to the <see cref="AttemptSink"/> here; the winner's ticket goes back to the caller to report when its
/// answer ends.
/// </summary>
internal sealed class FailoverExecutor(
    CircuitBreakerRegistry circuits, AttemptSink sink, InFlightTracker inFlight, IOptions<RouterOptions> options, TimeProvider time)
{
    /// <summary>
    /// A bound on hop retries besides <see cref="RouterOptions.HopRetrySeconds"/>, for when backoff is off (0 ms): with
    /// the default backoff (100 ms doubling to 2 s) the time bound is reached long before this.
    /// </summary>
    private const int MaxHopRetries = 64;

    public async Task<FailoverResult<T>> ExecuteAsync<T>(
        RoutePlan plan, Func<Candidate, CancellationToken, Task<AttemptOutcome<T>>> attempt, CancellationToken cancellationToken,
        bool stream = false)
    {
        var settings = options.Value;
        // One source for the deadline and the caller: the caller's token (when it can fire at all; a completion's cannot)
        // cancels it through a registration rather than a second, linked source per request.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TotalDeadlineSeconds), time);
        using var callerLeft = cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), deadline);
        var queue = new List<Candidate>(plan.Candidates);
        HashSet<string>? retried = null;
        var records = new List<AttemptRecord>(plan.Candidates.Count);
        var attempts = 0;
        var retries = 0;
        double upstreamMs = 0;
        ErrorClass? lastClass = null;
        AttemptRecord? lastFailure = null;
        long? hopDownSince = null;
        var tryAgain = false;
        var breakerOpen = false;
        for (var i = 0; i < queue.Count && attempts < settings.MaxAttempts; i++)
        {
            var candidate = queue[i];
            // Past the plan's own length the queue holds candidates tried once already: pause before each, as before a hop retry.
            if ((tryAgain || i >= plan.Candidates.Count) && !await PauseAsync(++retries, settings, deadline.Token, cancellationToken, breakerOpen))
            {
                return Exhausted<T>(records, true, ErrorClass.Timeout, upstreamMs);
            }
            tryAgain = false;
            breakerOpen = false;
            if (!circuits.TryEnter(candidate.Provider, candidate.ModelName, out var permit))
            {
                records.Add(new AttemptRecord(candidate.Id, null, "circuit open", 0, null) { Skipped = true });
                continue;
            }
            attempts++;
            sink.Starting(candidate, lastFailure, attempts);
            var started = time.GetTimestamp();
            AttemptOutcome<T> outcome;
            using var span = RouterTracing.StartAttempt(attempts, candidate.Provider, candidate.ModelName, stream);
            try
            {
                using var busy = inFlight.Enter(candidate.Id);
                outcome = await attempt(candidate, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                sink.Abandoned(permit);
                RouterTracing.AttemptFailed(span, ErrorClass.Timeout, failingOver: false);
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
                case AttemptOutcome<T>.Unreachable(var reason):
                    sink.Abandoned(permit);
                    RouterTracing.AttemptFailed(span, ErrorClass.UpstreamError, failingOver: false);
                    hopDownSince ??= started;
                    if (time.GetElapsedTime(hopDownSince.Value).TotalSeconds >= settings.HopRetrySeconds || retries >= MaxHopRetries)
                    {
                        return new FailoverResult<T>.Lost(AdaptersUnreachable(reason), null, records, upstreamMs);
                    }
                    attempts--; // the provider was never asked: this try does not use up an attempt
                    tryAgain = true;
                    i--; // the same candidate again
                    break;
                case AttemptOutcome<T>.HopBreakerOpen(var reason):
                    sink.Abandoned(permit);
                    RouterTracing.AttemptFailed(span, ErrorClass.UpstreamError, failingOver: false);
                    hopDownSince ??= started;
                    if (time.GetElapsedTime(hopDownSince.Value).TotalSeconds + settings.HopBreakerTimeoutSeconds > settings.HopRetrySeconds
                        || retries >= MaxHopRetries)
                    {
                        return new FailoverResult<T>.Lost(AdaptersBreakerOpen(reason, settings), null, records, upstreamMs);
                    }
                    attempts--; // the provider was never asked
                    tryAgain = breakerOpen = true; // the same candidate once the breaker may have half-opened
                    i--;
                    break;
                case AttemptOutcome<T>.Skipped(var reason, var retryAt):
                    sink.Abandoned(permit);
                    attempts--; // never sent: the provider was not asked
                    records.Add(new AttemptRecord(candidate.Id, null, reason, 0, retryAt) { Skipped = true, SkipReason = reason });
                    break;
                case AttemptOutcome<T>.Failed(var error):
                    hopDownSince = null;
                    lastClass = error.Class;
                    var action = error.Class.Action();
                    RouterTracing.AttemptFailed(span, error.Class, failingOver: action != FailoverAction.Stop);
                    lastFailure = new AttemptRecord(candidate.Id, error.Class, error.Message, elapsedMs, error.RetryAt);
                    records.Add(lastFailure);
                    await sink.FailedAsync(candidate, permit, error, cancellationToken);
                    switch (action)
                    {
                        case FailoverAction.Stop:
                            return new FailoverResult<T>.Lost(FailoverErrors.ForStop(error), error.Class, records, upstreamMs);
                        case FailoverAction.NextCandidateAndCount when (retried ??= new(StringComparer.OrdinalIgnoreCase)).Add(candidate.Id):
                            queue.Add(candidate);
                            break;
                    }
                    break;
            }
        }
        return Exhausted<T>(records, false, lastClass, upstreamMs);
    }

    /// <summary>Waits before the same candidate is tried again; false when the request's deadline passed meanwhile.</summary>
    /// <param name="breakerOpen">The hop's breaker refused the last try: wait its <c>timeout</c> (plus up to a fifth, so the
    /// requests it refused together do not all race for its one half-open probe) instead of the backoff.</param>
    private async Task<bool> PauseAsync(int retry, RouterOptions settings, CancellationToken linked, CancellationToken caller, bool breakerOpen)
    {
        var pause = breakerOpen
            ? TimeSpan.FromSeconds(settings.HopBreakerTimeoutSeconds * (1 + Random.Shared.NextDouble() / 5))
            : RetryBackoff.Delay(retry, settings, Random.Shared);
        if (pause <= TimeSpan.Zero)
        {
            return !linked.IsCancellationRequested;
        }
        try
        {
            await Task.Delay(pause, time, linked);
            return true;
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            return false;
        }
    }

    private GatewayError AdaptersUnreachable(string reason) =>
        new(503, "adapters_unavailable", $"The gateway cannot reach its provider adapters right now ({reason}); no provider was called.")
        {
            RetryAt = time.GetUtcNow().AddSeconds(5),
        };

    /// <summary>Retry-After is the breaker's <c>timeout</c>: by then daprd lets a probe through (it opened at most that long ago).</summary>
    private GatewayError AdaptersBreakerOpen(string reason, RouterOptions settings) =>
        new(503, "adapters_unavailable",
            $"The gateway stopped calling its provider adapters for a while after repeated failures ({reason}); no provider was called.")
        {
            RetryAt = time.GetUtcNow().AddSeconds(settings.HopBreakerTimeoutSeconds),
        };

    private FailoverResult<T>.Lost Exhausted<T>(List<AttemptRecord> records, bool deadlineHit, ErrorClass? lastClass, double upstreamMs) =>
        new(FailoverErrors.ForExhausted(records, deadlineHit, time.GetUtcNow()), lastClass, records, upstreamMs);
}
