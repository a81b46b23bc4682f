using Dapr.AiProvider.Deployment.Tests.Infrastructure;

namespace Dapr.AiProvider.Deployment.Tests.Rules;

/// <summary>
/// How usage events survive outages and crashes, as components-contrib pubsub.redis (pubsub/redis/redis.go) and daprd
/// (pkg/runtime/subscription/subscription.go) treat a delivery: processMessage gives the handler processingTimeout as
/// its deadline and acknowledges it when it returns — also with an error, unless the deadline has passed; the
/// reclaim loop delivers an entry again once it is idle ≥ processingTimeout (checked every redeliverInterval); at the
/// deadline daprd ≥ 1.18 dead-letters a delivery still retrying. So an inbound retry that can run out acknowledges an
/// unwritten event, and processingTimeout is how long the deliveries of a SIGKILLed sidecar wait to come back.
/// </summary>
public sealed class PubSubRulesTests
{
    private static readonly TimeSpan LongestCrashRecovery = TimeSpan.FromMinutes(2);

    [Theory]
    [MemberData(nameof(ResourceSets.All), MemberType = typeof(ResourceSets))]
    public void InboundRetry_NeverGivesUp_SoNothingIsAcknowledgedUnwritten(string set)
    {
        var documents = ResourceSets.Get(set);
        var pubsub = PubSub(documents);
        var spec = documents.Single(d => d.Kind == "Resiliency").Json["spec"]!.AsObject();
        var inbound = spec["targets"]!["components"]![pubsub.Name]!["inbound"]!;
        var retry = spec["policies"]!["retries"]![(string)inbound["retry"]!]!;

        Assert.Equal(-1, (int)(long)retry["maxRetries"]!);
        Assert.True(GoDuration.Parse((string)spec["policies"]!["timeouts"]![(string)inbound["timeout"]!]!) < ProcessingTimeout(pubsub),
            $"{set}: one attempt must end before the delivery's deadline");
    }

    [Theory]
    [MemberData(nameof(ResourceSets.All), MemberType = typeof(ResourceSets))]
    public void ProcessingTimeout_BoundsHowLongACrashedSidecarsDeliveriesWait(string set)
    {
        var pubsub = PubSub(ResourceSets.Get(set));
        var redeliverInterval = GoDuration.Parse(Metadata(pubsub)["redeliverInterval"]!);

        Assert.InRange(ProcessingTimeout(pubsub), TimeSpan.FromSeconds(30), LongestCrashRecovery);
        Assert.InRange(redeliverInterval, TimeSpan.FromSeconds(1), ProcessingTimeout(pubsub) / 4);
    }

    private static YamlDocument PubSub(IReadOnlyList<YamlDocument> documents) =>
        documents.Single(d => d.Kind == "Component" && (string?)d.Json["spec"]!["type"] == "pubsub.redis");

    private static Dictionary<string, string?> Metadata(YamlDocument pubsub) =>
        pubsub.Json["spec"]!["metadata"]!.AsArray().ToDictionary(m => (string)m!["name"]!, m => (string?)m!["value"]);

    private static TimeSpan ProcessingTimeout(YamlDocument pubsub) => GoDuration.Parse(Metadata(pubsub)["processingTimeout"]!);
}
