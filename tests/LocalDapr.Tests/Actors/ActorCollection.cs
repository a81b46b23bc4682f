namespace Dapr.AiProvider.LocalDapr.Tests.Actors;

/// <summary>The single-instance actor tests share one actor app + sidecar (each test uses its own actor ids).</summary>
[CollectionDefinition(Name)]
public sealed class ActorCollection : ICollectionFixture<ActorFixture>
{
    public const string Name = "actors";
}
