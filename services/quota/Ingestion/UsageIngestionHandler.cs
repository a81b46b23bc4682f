using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Quota.Diagnostics;

namespace Dapr.AiProvider.Quota.Ingestion;

/// <summary>
/// Turns one delivered <see cref="UsageRecorded"/> into a ledger row. SUCCESS only after the row is
/// committed; RETRY while it cannot be (the sidecar redelivers); DROP for events that can never be
/// stored (malformed), which Dapr forwards to the dead-letter topic.
/// </summary>
internal sealed partial class UsageIngestionHandler(UsageBatchWriter writer, QuotaMetrics metrics, TimeProvider time,
    ILogger<UsageIngestionHandler> logger)
{
    public const int MaxRequestIdLength = 200;

    public async Task<TopicStatus> HandleAsync(HttpRequest request, bool deadLetter, CancellationToken cancellationToken)
    {
        UsageRecorded? usage;
        try
        {
            usage = await UsageEnvelope.ReadAsync(request, cancellationToken);
        }
        catch (JsonException ex)
        {
            Log.Malformed(logger, deadLetter, ex.Message);
            metrics.UsageDropped(deadLetter);
            return TopicStatus.Drop;
        }
        if (usage is null || string.IsNullOrWhiteSpace(usage.RequestId) || usage.RequestId.Length > MaxRequestIdLength)
        {
            Log.Invalid(logger, deadLetter);
            metrics.UsageDropped(deadLetter);
            return TopicStatus.Drop;
        }
        usage = Normalise(usage);
        if (deadLetter)
        {
            Log.DeadLetter(logger, usage.RequestId);
            metrics.DeadLetterReceived();
        }
        try
        {
            await writer.WriteAsync(usage, deadLetter, cancellationToken);
            return TopicStatus.Success;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.NotCommitted(logger, usage.RequestId, ex.GetType().Name);
            return TopicStatus.Retry;
        }
    }

    /// <summary>
    /// Fills members an event left out. The generated deserialiser leaves omitted init-only members at
    /// default (null), not at the record's initial values.
    /// </summary>
    private UsageRecorded Normalise(UsageRecorded usage) => usage with
    {
        OccurredAt = usage.OccurredAt == default ? time.GetUtcNow() : usage.OccurredAt,
        TaskType = string.IsNullOrWhiteSpace(usage.TaskType) ? "chat" : usage.TaskType,
        Tokens = usage.Tokens ?? TokenUsage.Zero,
    };

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Dropped a malformed usage event (dead letter: {DeadLetter}): {Error}")]
        public static partial void Malformed(ILogger logger, bool deadLetter, string error);

        [LoggerMessage(2, LogLevel.Warning, "Dropped a usage event without a valid requestId (dead letter: {DeadLetter})")]
        public static partial void Invalid(ILogger logger, bool deadLetter);

        [LoggerMessage(3, LogLevel.Warning, "Usage event {RequestId} arrived on the dead-letter topic; storing it flagged")]
        public static partial void DeadLetter(ILogger logger, string requestId);

        [LoggerMessage(4, LogLevel.Information, "Usage event {RequestId} not committed ({Error}); answering RETRY")]
        public static partial void NotCommitted(ILogger logger, string requestId, string error);
    }
}
