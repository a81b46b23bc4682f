using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Quota.Diagnostics;

namespace Dapr.AiProvider.Quota.Ingestion;

/// <summary>
/// Turns one delivered <see cref="UsageRecorded"/> (or each event of a <see cref="UsageBatch"/>) into a ledger row. SUCCESS only after the row is
/// committed; RETRY while it cannot be (the sidecar redelivers); DROP for events that can never be
/// stored (malformed), which Dapr forwards to the dead-letter topic.
/// </summary>
internal sealed partial class UsageIngestionHandler(UsageBatchWriter writer, QuotaMetrics metrics, TimeProvider time,
    ILogger<UsageIngestionHandler> logger)
{
    public const int MaxRequestIdLength = 200;

    public async Task<TopicStatus> HandleAsync(HttpRequest request, bool deadLetter, CancellationToken cancellationToken)
    {
        IReadOnlyList<UsageRecorded> delivered;
        try
        {
            delivered = await UsageEnvelope.ReadAsync(request, cancellationToken);
        }
        catch (JsonException ex)
        {
            Log.Malformed(logger, deadLetter, ex.Message);
            metrics.UsageDropped(deadLetter);
            return TopicStatus.Drop;
        }
        var valid = new List<UsageRecorded>(delivered.Count);
        foreach (var usage in delivered)
        {
            if (string.IsNullOrWhiteSpace(usage.RequestId) || usage.RequestId.Length > MaxRequestIdLength)
            {
                Log.Invalid(logger, deadLetter);
                metrics.UsageDropped(deadLetter);
                continue; // one bad event never holds back the rest of its batch
            }
            valid.Add(Normalise(usage));
        }
        if (valid.Count == 0)
        {
            if (delivered.Count == 0)
            {
                Log.Invalid(logger, deadLetter);
                metrics.UsageDropped(deadLetter);
            }
            return TopicStatus.Drop;
        }
        using var span = QuotaTracing.StartIngest(deadLetter ? DaprNames.Topics.UsageDeadLetter : DaprNames.Topics.Usage, valid);
        var status = await StoreAsync(valid, deadLetter, cancellationToken);
        QuotaTracing.Ended(span, status);
        return status;
    }

    private async Task<TopicStatus> StoreAsync(List<UsageRecorded> valid, bool deadLetter, CancellationToken cancellationToken)
    {
        if (deadLetter)
        {
            foreach (var usage in valid)
            {
                Log.DeadLetter(logger, usage.RequestId);
                metrics.DeadLetterReceived();
            }
        }
        try
        {
            // The events of a batch join the writer's queue together and usually land in one database batch.
            await Task.WhenAll(valid.Select(usage => writer.WriteAsync(usage, deadLetter, cancellationToken)));
            return TopicStatus.Success;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The whole message is redelivered; rows already committed are skipped by their request id.
            Log.NotCommitted(logger, valid.Count, valid[0].RequestId, ex.GetType().Name);
            return TopicStatus.Retry;
        }
    }

    /// <summary>
    /// Fills members an event sent empty or null (an older or foreign publisher), and bounds the free-text ones.
    /// </summary>
    private UsageRecorded Normalise(UsageRecorded usage) => usage with
    {
        OccurredAt = usage.OccurredAt == default ? time.GetUtcNow() : usage.OccurredAt,
        TaskType = string.IsNullOrWhiteSpace(usage.TaskType) ? "chat" : usage.TaskType,
        Tokens = usage.Tokens ?? TokenUsage.Zero,
        ErrorCode = BoundedErrorCode(usage.ErrorCode),
        Traceparent = UsageTrace.Context(usage) is null ? null : usage.Traceparent,
        CallerAppId = BoundedAppId(usage.CallerAppId),
    };

    /// <summary>Dapr app ids are DNS labels (the router sends only sidecar-proven ones); anything else is stored as <c>other</c>.</summary>
    internal static string? BoundedAppId(string? appId) =>
        appId switch
        {
            null or "" => null,
            { Length: <= 63 } when char.IsAsciiLetterOrDigit(appId[0]) && appId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') => appId,
            _ => "other",
        };

    public const int MaxErrorCodeLength = 64;

    /// <summary>
    /// The gateway's error codes are snake_case words; anything else (too long, other characters) is stored as
    /// <c>other</c>, so no arbitrary string reaches the ledger through this column.
    /// </summary>
    internal static string? BoundedErrorCode(string? code) =>
        code switch
        {
            null or "" => null,
            { Length: <= MaxErrorCodeLength } when code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-') => code,
            _ => "other",
        };

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Dropped a malformed usage event (dead letter: {DeadLetter}): {Error}")]
        public static partial void Malformed(ILogger logger, bool deadLetter, string error);

        [LoggerMessage(2, LogLevel.Warning, "Dropped a usage event without a valid requestId (dead letter: {DeadLetter})")]
        public static partial void Invalid(ILogger logger, bool deadLetter);

        [LoggerMessage(3, LogLevel.Warning, "Usage event {RequestId} arrived on the dead-letter topic; storing it flagged")]
        public static partial void DeadLetter(ILogger logger, string requestId);

        [LoggerMessage(4, LogLevel.Information, "{Count} usage event(s) from {RequestId} not committed ({Error}); answering RETRY")]
        public static partial void NotCommitted(ILogger logger, int count, string requestId, string error);
    }
}
