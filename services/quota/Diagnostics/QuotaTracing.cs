using System.Diagnostics;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Quota.Ingestion;

namespace Dapr.AiProvider.Quota.Diagnostics;

/// <summary>
/// The quota service's own spans (ActivitySource <c>Dapr.AiProvider.Quota</c>, exported when ServiceDefaults sets up
/// tracing). A delivered usage message is processed in one span with a link to the trace of each request it
/// accounts for: a batch mixes many requests' traces, so they are links, not parents (OpenTelemetry messaging
/// semantic conventions, https://opentelemetry.io/docs/specs/semconv/messaging/messaging-spans/, checked 2026-12-07).
/// </summary>
internal static class QuotaTracing
{
    public const string SourceName = QuotaMetrics.MeterName;

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Span around storing one delivered message (<c>process usage</c>), linked to every event's request trace.</summary>
    /// <param name="topic">The topic it came from (<c>usage</c> or its dead-letter topic).</param>
    public static Activity? StartIngest(string topic, IReadOnlyList<UsageRecorded> events)
    {
        if (!Source.HasListeners())
        {
            return null;
        }
        var links = new List<ActivityLink>(events.Count);
        foreach (var usage in events)
        {
            if (UsageTrace.Context(usage) is { } context)
            {
                links.Add(new ActivityLink(context));
            }
        }
        var activity = Source.StartActivity(ActivityKind.Consumer, default(ActivityContext), links: links, name: "process " + topic);
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("messaging.destination.name", topic);
        activity?.SetTag("messaging.batch.message_count", events.Count);
        return activity;
    }

    /// <param name="status">The answer to the sidecar (SUCCESS, RETRY, DROP).</param>
    public static void Ended(Activity? activity, TopicStatus status)
    {
        activity?.SetTag("aiprovider.topic.status", status.Status);
        if (status == TopicStatus.Retry)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "not committed");
        }
    }
}
