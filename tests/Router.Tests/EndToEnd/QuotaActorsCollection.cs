namespace Dapr.AiProvider.Router.Tests.EndToEnd;

/// <summary>Test classes that only lease and read (never stop quota) share one <see cref="QuotaActorsStack"/>.</summary>
[CollectionDefinition(Name)]
public sealed class QuotaActorsCollection : ICollectionFixture<QuotaActorsStack>
{
    public const string Name = "quota actors";
}
