namespace Dapr.AiProvider.LocalDapr.Tests.PubSub;

/// <summary>The pub/sub contract tests share one subscriber app + sidecar (each test isolates itself with a unique marker).</summary>
[CollectionDefinition(Name)]
public sealed class PubSubCollection : ICollectionFixture<PubSubFixture>
{
    public const string Name = "pubsub";
}
