using Polly;
using Polly.CircuitBreaker;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>
/// Polly strategy around one <see cref="CircuitBreaker"/>. A rejected call is not run and fails
/// with Polly's <see cref="BrokenCircuitException"/> whose message is gobreaker's
/// (<c>circuit breaker is open</c> / <c>too many requests</c>); retries treat it as permanent.
/// </summary>
internal sealed class CircuitBreakerStrategy(CircuitBreaker breaker) : ResilienceStrategy
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        if (!breaker.TryEnter(out var generation, out var rejection))
        {
            return Outcome.FromException<TResult>(new BrokenCircuitException(rejection!));
        }

        Outcome<TResult> outcome;
        try
        {
            outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch
        {
            breaker.Exit(generation, success: false);
            throw;
        }

        breaker.Exit(generation, success: !ResiliencyOutcomes.IsFailure(outcome));
        return outcome;
    }
}

internal sealed class CircuitBreakerStrategyOptions : ResilienceStrategyOptions;
