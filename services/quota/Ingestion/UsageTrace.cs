using System.Diagnostics;
using Dapr.AiProvider.Contracts.Usage;

namespace Dapr.AiProvider.Quota.Ingestion;

/// <summary>The request trace a usage event names (issue 16): its W3C <c>traceparent</c>, when it is a valid one.</summary>
internal static class UsageTrace
{
    /// <summary>The trace context, or null when the event has none or an unreadable one (the event is kept either way).</summary>
    public static ActivityContext? Context(UsageRecorded usage) =>
        usage.Traceparent is { } traceparent && ActivityContext.TryParse(traceparent, null, isRemote: true, out var context)
            ? context
            : null;

    /// <summary>What the ledger keeps in <c>trace_id</c>: the 32 lowercase hex digits an operator searches the tracing backend for.</summary>
    public static string? TraceId(UsageRecorded usage) => Context(usage)?.TraceId.ToHexString();
}
