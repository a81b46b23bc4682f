using Dapr.AiProvider.Deployment.Tests.Infrastructure;

namespace Dapr.AiProvider.Deployment.Tests.Rules;

/// <summary>
/// components-contrib pubsub.redis (pubsub/redis/redis.go) re-claims entries idle ≥ processingTimeout every
/// redeliverInterval, whether or not their handler still runs (one consumer name, the app id, on every replica),
/// and cancels a handler after processingTimeout. So processingTimeout must outlast the time an entry can spend
/// between its read and its acknowledgement: its own inbound retry window, plus waiting for a worker behind
/// `concurrency` running deliveries and `queueDepth` queued ones (two windows when queueDepth = concurrency).
/// </summary>
public sealed class PubSubRulesTests
{
    [Theory]
    [MemberData(nameof(ResourceSets.All), MemberType = typeof(ResourceSets))]
    public void ProcessingTimeout_OutlastsEveryInboundRetryWindow(string set)
    {
        var documents = ResourceSets.Get(set);
        var pubsub = documents.Single(d => d.Kind == "Component" && (string?)d.Json["spec"]!["type"] == "pubsub.redis");
        var metadata = pubsub.Json["spec"]!["metadata"]!.AsArray().ToDictionary(m => (string)m!["name"]!, m => m!["value"]);
        var resiliency = documents.Single(d => d.Kind == "Resiliency").Json["spec"]!.AsObject();

        var window = RetryWindow.Longest(resiliency, pubsub.Name);
        var processingTimeout = GoDuration.Parse((string)metadata["processingTimeout"]!);
        var concurrency = RetryWindow.Int(metadata.GetValueOrDefault("concurrency"), 10);
        var queueDepth = RetryWindow.Int(metadata.GetValueOrDefault("queueDepth"), 100);
        var windowsBeforeAck = 1 + (int)Math.Ceiling(2.0 * queueDepth / concurrency);

        Assert.True(GoDuration.Parse((string)metadata["redeliverInterval"]!) > TimeSpan.Zero);
        Assert.True(window * windowsBeforeAck < processingTimeout,
            $"{set}: {windowsBeforeAck} x {window} (retry window) >= processingTimeout {processingTimeout}");
    }

    [Fact]
    public void RetryWindow_MatchesTheArithmeticInPubsubYaml()
    {
        var resiliency = ResourceSets.Get(ResourceSets.Local).Single(d => d.Kind == "Resiliency").Json["spec"]!.AsObject();

        var window = RetryWindow.Longest(resiliency, "pubsub");

        // 25 x 5 s + 1.5 x (37.4 s + 15 x 15 s) = 125 s + 393.7 s (components/pubsub.yaml)
        Assert.Equal(519, Math.Round(window.TotalSeconds));
    }
}
