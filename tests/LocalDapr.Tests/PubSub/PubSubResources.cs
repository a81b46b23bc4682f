using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.PubSub;

/// <summary>Resource files for the pub/sub tests: inbound retry policy, a declarative v2 subscription, a fast-redelivery component.</summary>
public static class PubSubResources
{
    /// <summary>3 retries, 100 ms apart, for deliveries from the <c>pubsub</c> component.</summary>
    public const string InboundRetry = """
        apiVersion: dapr.io/v1alpha1
        kind: Resiliency
        metadata:
          name: pubsub-tests
        spec:
          policies:
            retries:
              deliveryRetry:
                policy: constant
                duration: 100ms
                maxRetries: 3
          targets:
            components:
              pubsub:
                inbound:
                  retry: deliveryRetry
        """;

    public const string DeclarativeSubscription = """
        apiVersion: dapr.io/v2alpha1
        kind: Subscription
        metadata:
          name: decl
        spec:
          pubsubname: pubsub
          topic: decl
          routes:
            rules:
            - match: event.data.kind == "a"
              path: /decl-a
            default: /decl-default
        scopes:
        - pubsub-tests
        """;

    public static string FastRedeliveryPubSub(string redisAddress) =>
        DefaultResources.PubSubYaml(redisAddress, DefaultResources.PubSub, ("processingTimeout", "2s"), ("redeliverInterval", "500ms"));

    /// <summary>A second Redis pub/sub whose streams are capped (<c>XADD MAXLEN ~ 10</c>).</summary>
    public static string TrimmedPubSub(string redisAddress) => DefaultResources.PubSubYaml(redisAddress, TrimmedPubSubName, ("maxLenApprox", "\"10\""));

    public const string TrimmedPubSubName = "pubsub-trimmed";
}
