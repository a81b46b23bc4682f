using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>
/// Recognises the failures a pipeline itself produces and words them as daprd does. Service
/// invocation answers them with 500 <c>{"errorCode":"ERR_DIRECT_INVOKE","message":"failed to invoke, id: X, err: …"}</c>.
/// An open breaker throws Polly's <see cref="BrokenCircuitException"/> (message <c>circuit breaker is open</c>,
/// or <c>too many requests</c> when half-open is full); a per-attempt timeout throws
/// <see cref="TimeoutRejectedException"/> (daprd: <c>context deadline exceeded</c>).
/// </summary>
public static class ResiliencyErrors
{
    public static bool IsCircuitBreakerError(Exception exception) => exception is BrokenCircuitException;

    public static bool IsTimeout(Exception exception) => exception is TimeoutRejectedException;

    /// <summary>daprd's error text for a resiliency failure; null for any other exception.</summary>
    public static string? DaprMessage(Exception exception) => exception switch
    {
        BrokenCircuitException broken => broken.Message,
        TimeoutRejectedException => "context deadline exceeded",
        _ => null,
    };

    /// <summary>The <c>message</c> of daprd's ERR_DIRECT_INVOKE body for a resiliency failure.</summary>
    public static string? InvokeMessage(string appId, Exception exception) =>
        DaprMessage(exception) is { } text ? $"failed to invoke, id: {appId}, err: {text}" : null;
}
