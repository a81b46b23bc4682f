using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Failover;

namespace Dapr.AiProvider.Router.Diagnostics;

/// <summary>
/// One log line per failover — from, to, error class, attempt — and its counter, so the pipeline reports a
/// failover with one call. Ids and classes only: never a prompt or a key.
/// </summary>
internal static partial class FailoverLog
{
    public static void FailedOver(ILogger logger, RouterMetrics metrics, string fromCandidate, string fromProvider,
        string toCandidate, ErrorClass errorClass, int attempt)
    {
        metrics.Failover(fromProvider, errorClass);
        FailedOver(logger, fromCandidate, toCandidate, ErrorClassNames.Of(errorClass), attempt);
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning,
        Message = "Failover from {FromCandidate} to {ToCandidate} after {ErrorClass} (attempt {Attempt})")]
    private static partial void FailedOver(ILogger logger, string fromCandidate, string toCandidate, string errorClass, int attempt);
}
