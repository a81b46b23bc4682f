using Dapr.AiProvider.Deployment.Tests.Infrastructure;

namespace Dapr.AiProvider.Deployment.Tests.Rules;

/// <summary>
/// secretstores.kubernetes reads with the pod's ServiceAccount, and Dapr's chart grants `get secrets` only in
/// "default": each app that reads secrets has its own ServiceAccount bound to a Role with `get` on exactly the
/// Secrets it reads (from the services' own source), its Configuration allows exactly those, the secret store is
/// scoped to those apps, and nobody keeps daprd's built-in Kubernetes secret store.
/// </summary>
public sealed class RbacRulesTests
{
    [Theory]
    [MemberData(nameof(ResourceSets.KubernetesRoots), MemberType = typeof(ResourceSets))]
    public void Kubernetes_RoleGrantsExactlyTheSecretsEachAppReads(string root)
    {
        var documents = Kustomize.Render(root);

        foreach (var workload in Workload.In(documents))
        {
            Assert.NotEqual("default", workload.ServiceAccount);
            Assert.Contains(documents, d => d.Kind == "ServiceAccount" && d.Name == workload.ServiceAccount);
            Assert.Equal("true", workload.Annotation("dapr.io/disable-builtin-k8s-secret-store"));
            Assert.Equal(SecretReads.ByApp[workload.AppId].Order(StringComparer.Ordinal), GrantedSecrets(documents, workload).Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(ResourceSets.KubernetesRoots), MemberType = typeof(ResourceSets))]
    public void Kubernetes_ConfigurationAllowsExactlyTheSecretsEachAppReads(string root)
    {
        var documents = Kustomize.Render(root);

        foreach (var workload in Workload.In(documents).Where(w => SecretReads.ByApp[w.AppId].Count > 0))
        {
            var configuration = documents.Single(d => d.Kind == "Configuration" && d.Name == workload.Annotation("dapr.io/config"));
            var scope = configuration.Json["spec"]!["secrets"]!["scopes"]!.AsArray().Single(s => (string?)s!["storeName"] == "secretstore")!;
            Assert.Equal("deny", (string?)scope["defaultAccess"]);
            Assert.Equal(SecretReads.ByApp[workload.AppId].Order(StringComparer.Ordinal),
                scope["allowedSecrets"]!.AsArray().Select(s => (string)s!).Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(ResourceSets.All), MemberType = typeof(ResourceSets))]
    public void SecretStore_ScopedToTheAppsThatReadSecrets(string set)
    {
        var store = ResourceSets.Get(set).Single(d => d.Kind == "Component" && d.Name == "secretstore");

        Assert.Equal(SecretReads.ByApp.Where(a => a.Value.Count > 0).Select(a => a.Key).Order(StringComparer.Ordinal),
            store.Json["scopes"]!.AsArray().Select(s => (string)s!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SecretReads_FoundInTheServices()
    {
        Assert.Contains("ledger-connection-string", SecretReads.ByApp["quota"]);
        Assert.Contains("api-key-pepper", SecretReads.ByApp["quota"]);
        Assert.Contains("openai-api-key", SecretReads.ByApp["provider-adapters"]);
    }

    private static IEnumerable<string> GrantedSecrets(IReadOnlyList<YamlDocument> documents, Workload workload)
    {
        var roles = documents.Where(d => d.Kind == "RoleBinding")
            .Where(b => b.Json["subjects"]!.AsArray().Any(s => (string?)s!["kind"] == "ServiceAccount" && (string?)s["name"] == workload.ServiceAccount))
            .Select(b => (Kind: (string?)b.Json["roleRef"]!["kind"], Name: (string?)b.Json["roleRef"]!["name"]))
            .ToList();
        Assert.DoesNotContain(roles, r => r.Kind == "ClusterRole");
        foreach (var rule in documents.Where(d => d.Kind == "Role" && roles.Any(r => r.Name == d.Name))
            .SelectMany(r => r.Json["rules"]!.AsArray()))
        {
            Assert.Equal(["secrets"], rule!["resources"]!.AsArray().Select(r => (string)r!));
            Assert.Equal(["get"], rule["verbs"]!.AsArray().Select(v => (string)v!));
            var names = rule["resourceNames"]?.AsArray().Select(n => (string)n!).ToList();
            Assert.NotNull(names);
            foreach (var name in names)
            {
                yield return name;
            }
        }
    }
}
