namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>One stack for all end-to-end tests (starting it takes seconds; the tests share it).</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayStack>
{
    public const string Name = "gateway";
}
