using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>
/// Builds Polly pipelines in daprd's order: retry( circuitBreaker( timeout( operation ) ) ) —
/// the timeout is per attempt and an open breaker stops the retries.
/// </summary>
internal sealed class PipelineFactory(TimeProvider time)
{
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    public ResiliencePipeline<HttpResponseMessage> BuildHttp(ResolvedPolicies policies, CircuitBreaker? breaker)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (policies.Retry is { MaxRetries: not 0 } retry)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = MaxAttempts(retry),
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, args.AttemptNumber, retry)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(NextDelay(args.Context)),
            });
        }

        AddInner(builder, policies.Timeout, breaker);
        return builder.Build();
    }

    public ResiliencePipeline Build(ResolvedPolicies policies, CircuitBreaker? breaker)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (policies.Retry is { MaxRetries: not 0 } retry)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = MaxAttempts(retry),
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, args.AttemptNumber, retry)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(NextDelay(args.Context)),
            });
        }

        AddInner(builder, policies.Timeout, breaker);
        return builder.Build();
    }

    private static void AddInner<TBuilder>(TBuilder builder, TimeSpan? timeout, CircuitBreaker? breaker)
        where TBuilder : ResiliencePipelineBuilderBase
    {
        if (breaker is not null)
        {
            builder.AddStrategy(_ => new CircuitBreakerStrategy(breaker), new CircuitBreakerStrategyOptions());
        }

        if (timeout is { } t)
        {
            builder.AddTimeout(new TimeoutStrategyOptions
            {
                Timeout = t < MinTimeout ? MinTimeout : t > MaxTimeout ? MaxTimeout : t,
            });
        }
    }

    private static int MaxAttempts(RetrySpec retry) =>
        retry.MaxRetries is < 0 or > int.MaxValue ? int.MaxValue : (int)retry.MaxRetries;

    private bool ShouldRetry<T>(Outcome<T> outcome, ResilienceContext context, int attempt, RetrySpec retry)
    {
        if (!ResiliencyOutcomes.ShouldRetry(outcome, context, retry))
        {
            return false;
        }

        var delay = RetryBackoff.Delay(retry, attempt);
        if (retry.Exponential && retry.MaxElapsedTime > TimeSpan.Zero)
        {
            // cenkalti/backoff: stop once elapsed + next delay would exceed maxElapsedTime.
            if (!context.Properties.TryGetValue(StartKey, out var start))
            {
                start = time.GetTimestamp();
                context.Properties.Set(StartKey, start);
            }

            if (time.GetElapsedTime(start) + delay > retry.MaxElapsedTime)
            {
                return false;
            }
        }

        context.Properties.Set(DelayKey, delay);
        return true;
    }

    private static TimeSpan NextDelay(ResilienceContext context) =>
        context.Properties.TryGetValue(DelayKey, out var delay) ? delay : TimeSpan.Zero;

    private static readonly ResiliencePropertyKey<TimeSpan> DelayKey = new("localdapr.retry.delay");
    private static readonly ResiliencePropertyKey<long> StartKey = new("localdapr.retry.start");
}
