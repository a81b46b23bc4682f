using Dapr.AiProvider.Deployment.Tests.Infrastructure;

namespace Dapr.AiProvider.Deployment.Tests.Schema;

/// <summary>
/// Every Dapr resource of every set validates strictly against the CRD schemas of the oldest and newest
/// supported Dapr releases (1.15: retry <c>matching</c> is the newest field used).
/// </summary>
public sealed class DaprCrdTests
{
    public static TheoryData<string, string> SetsAndReleases()
    {
        var data = new TheoryData<string, string>();
        foreach (var set in ResourceSets.Names)
        {
            foreach (var release in DaprCrdSchemas.Releases)
            {
                data.Add(set, release);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SetsAndReleases))]
    public void DaprResources_ValidAgainstCrdSchema(string set, string release)
    {
        var resources = ResourceSets.Get(set).Where(d => d.IsDapr).ToList();

        Assert.Contains(resources, r => r.Kind == "Component");
        Assert.Contains(resources, r => r.Kind == "Resiliency");
        Assert.Contains(resources, r => r.Kind == "Configuration");
        var errors = resources.SelectMany(r => DaprCrdSchemas.Validate(r, release)).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Theory]
    [MemberData(nameof(Releases))]
    public void UnknownField_IsAnError(string release)
    {
        var wrong = YamlDocument.ParseAll("""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata: { name: pubsub }
            spec:
              type: pubsub.redis
              version: v1
              metadata:
                - name: redisHost
                  valeu: localhost:6379
            """, "inline").Single();

        var errors = DaprCrdSchemas.Validate(wrong, release);

        Assert.Contains(errors, e => e.Contains("/spec/metadata/0", StringComparison.Ordinal));
    }

    public static TheoryData<string> Releases() => new(DaprCrdSchemas.Releases);
}
