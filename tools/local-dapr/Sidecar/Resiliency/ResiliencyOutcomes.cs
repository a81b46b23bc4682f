using Polly;
using Polly.CircuitBreaker;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>What counts as a failure (breaker) and what is retried, as daprd decides it.</summary>
internal static class ResiliencyOutcomes
{
    /// <summary>An exception, or an app response outside 200-399 (daprd turns those into a CodeError).</summary>
    public static bool IsFailure<T>(Outcome<T> outcome) =>
        outcome.Exception is not null || (outcome.Result is HttpResponseMessage response && IsFailureStatus(response));

    public static bool IsFailureStatus(HttpResponseMessage response) =>
        (int)response.StatusCode is < 200 or > 399;

    public static bool ShouldRetry<T>(Outcome<T> outcome, ResilienceContext context, RetrySpec spec)
    {
        if (!ResiliencyContext.IsReplayable(context) || context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        if (outcome.Exception is { } exception)
        {
            return exception switch
            {
                BrokenCircuitException => false,
                HttpRequestException { StatusCode: { } code } => !spec.TransportErrorsOnly && spec.HttpStatusCodes.Matches((int)code),
                HttpRequestException => true,
                _ => !spec.TransportErrorsOnly,
            };
        }

        return !spec.TransportErrorsOnly
            && outcome.Result is HttpResponseMessage response
            && IsFailureStatus(response)
            && spec.HttpStatusCodes.Matches((int)response.StatusCode);
    }
}
