using Dapr.AiProvider.Deployment.Tests.Infrastructure;
using k8s;

namespace Dapr.AiProvider.Deployment.Tests.Schema;

/// <summary>
/// Every built-in Kubernetes object of every kustomize root deserializes strictly (KubernetesClient's YAML
/// reader with <c>strict: true</c>: an unknown or misspelt field is an error, like kubectl's strict field
/// validation). Custom resources other than Dapr's (Gateway API, cert-manager) are listed explicitly.
/// </summary>
public sealed class BuiltInKindsTests
{
    private static readonly HashSet<string> OtherCustomResources = new(StringComparer.Ordinal)
    {
        "gateway.networking.k8s.io/v1/Gateway", "gateway.networking.k8s.io/v1/HTTPRoute", "cert-manager.io/v1/Certificate",
    };

    [Theory]
    [MemberData(nameof(ResourceSets.KubernetesRoots), MemberType = typeof(ResourceSets))]
    public void BuiltInObjects_DeserializeStrictly(string root)
    {
        var failures = new List<string>();
        foreach (var document in Kustomize.Render(root).Where(d => !d.IsDapr && !OtherCustomResources.Contains($"{d.ApiVersion}/{d.Kind}")))
        {
            try
            {
                var objects = KubernetesYaml.LoadAllFromString(document.Text, typeMap: null, strict: true);
                Assert.Single(objects);
                Assert.IsAssignableFrom<IKubernetesObject>(objects[0]);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                failures.Add($"{document}: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void UnknownField_IsAnError()
    {
        const string Misspelt = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: x }
            spec:
              selector: { matchLabels: { app: x } }
              template:
                metadata: { labels: { app: x } }
                spec:
                  containers:
                    - name: x
                      image: x
                      securityContext: { readOnlyRootFileSystem: true }
            """;

        Assert.ThrowsAny<Exception>(() => KubernetesYaml.LoadAllFromString(Misspelt, typeMap: null, strict: true));
    }
}
