using Dapr.AiProvider.Deployment.Tests.Infrastructure;
using Dapr.AiProvider.LocalDapr.Sidecar.AccessControl;
using YamlDotNet.RepresentationModel;
using YamlDocument = Dapr.AiProvider.Deployment.Tests.Infrastructure.YamlDocument;

namespace Dapr.AiProvider.Deployment.Tests.Rules;

/// <summary>
/// accessControl read with the local runtime's model of daprd (dapr/dapr pkg/acl/acl.go): on Kubernetes (mTLS on)
/// the callees deny by default and admit the router's own operations only; locally (components/, compose: no
/// mTLS, so no caller identity and every call gets the global default) nothing may deny by default.
/// </summary>
public sealed class AccessControlRulesTests
{
    /// <summary>What the router calls (services/router/Admin/AdminApi.cs, Auth/QuotaKeyDirectory.cs,
    /// Backend/DaprCompletionBackend.cs; Contracts AdapterRoutes, ProviderHealthReport.Route).</summary>
    public static TheoryData<string, string, string, string> RouterCalls(string root) => new()
    {
        { root, "quota", "quota/keys/verify", "POST" },
        { root, "quota", "quota/keys/last-used", "POST" },
        { root, "quota", "quota/keys", "GET" },
        { root, "quota", "quota/keys/key-1", "DELETE" },
        { root, "quota", "quota/limits/tenant-1", "PUT" },
        { root, "quota", "quota/usage", "GET" },
        { root, "quota", "quota/providers/acme", "PATCH" },
        { root, "provider-adapters", "adapters/chat", "POST" },
        { root, "provider-adapters", "adapters/chat/stream", "POST" },
        { root, "provider-adapters", "adapters/catalog", "GET" },
        { root, "provider-adapters", "adapters/health", "GET" },
    };

    /// <summary>Every kustomize root, k8s/overlays/other-namespace among them: the policies must follow the namespace
    /// the router is deployed to (kustomize's namespace transformer does not reach into a Configuration's spec).</summary>
    public static TheoryData<string, string, string, string> EveryRootsRouterCalls()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var root in Kustomize.Roots)
        {
            foreach (var call in RouterCalls(root))
            {
                data.Add((string)call[0], (string)call[1], (string)call[2], (string)call[3]);
            }
        }
        return data;
    }

    [Fact]
    public void Roots_IncludeOneInAnotherNamespace()
    {
        Assert.Equal("ai-gateway", Workload.Of(Kustomize.Render("k8s/overlays/other-namespace"), "router").Namespace);
    }

    [Theory]
    [MemberData(nameof(EveryRootsRouterCalls))]
    public void Kubernetes_RouterMayCallWhatItCalls_StrangerMayNot(string root, string callee, string operation, string verb)
    {
        var (acl, ns) = AccessControlOf(root, callee);

        Assert.True(acl.IsAllowed(new SpiffeId(acl.TrustDomain, ns, "router"), operation, verb, isHttp: true));
        Assert.False(acl.IsAllowed(new SpiffeId(acl.TrustDomain, ns, "stranger"), operation, verb, isHttp: true));
        Assert.False(acl.IsAllowed(new SpiffeId(acl.TrustDomain, "other-namespace", "router"), operation, verb, isHttp: true));
        Assert.False(acl.IsAllowed(null, operation, verb, isHttp: true));
    }

    /// <summary>The adapters read the provider registry and seed it (services/provider-adapters/Registry/RegistryFollower.cs),
    /// and may do nothing else on quota.</summary>
    [Theory]
    [MemberData(nameof(ResourceSets.KubernetesRoots), MemberType = typeof(ResourceSets))]
    public void Kubernetes_AdaptersMayReadAndSeedTheProviderRegistry_Only(string root)
    {
        var (acl, ns) = AccessControlOf(root, "quota");
        var adapters = new SpiffeId(acl.TrustDomain, ns, "provider-adapters");

        Assert.True(acl.IsAllowed(adapters, "quota/providers", "GET", isHttp: true));
        Assert.True(acl.IsAllowed(adapters, "quota/provider-seed", "POST", isHttp: true));
        Assert.False(acl.IsAllowed(adapters, "quota/providers/acme", "PUT", isHttp: true));
        Assert.False(acl.IsAllowed(adapters, "quota/providers/acme/enable", "POST", isHttp: true));
        Assert.False(acl.IsAllowed(adapters, "quota/keys", "GET", isHttp: true));
        Assert.False(acl.IsAllowed(new SpiffeId(acl.TrustDomain, "other-namespace", "provider-adapters"), "quota/providers", "GET", isHttp: true));
    }

    [Theory]
    [MemberData(nameof(ResourceSets.KubernetesRoots), MemberType = typeof(ResourceSets))]
    public void Kubernetes_CalleesDenyByDefault_OnlyTheRouterHasAPolicy(string root)
    {
        foreach (var callee in new[] { "quota", "provider-adapters" })
        {
            var configuration = ConfigurationOf(root, callee);
            var accessControl = configuration.Json["spec"]!["accessControl"]!;
            Assert.Equal("deny", (string?)accessControl["defaultAction"]);
            // quota also admits the adapters' registry reads (Kubernetes_AdaptersMayReadAndSeedTheProviderRegistry_Only).
            Assert.Equal(callee == "quota" ? ["router", "provider-adapters"] : ["router"],
                accessControl["policies"]!.AsArray().Select(p => (string?)p!["appId"]));
            Assert.True((bool?)configuration.Json["spec"]!["mtls"]!["enabled"]);
        }
        Assert.NotEqual("deny", (string?)ConfigurationOf(root, "router").Json["spec"]!["accessControl"]?["defaultAction"]);
    }

    [Theory]
    [InlineData(ResourceSets.Local)]
    [InlineData(ResourceSets.Compose)]
    public void Local_NoConfigurationDeniesByDefault(string set)
    {
        foreach (var configuration in ResourceSets.Get(set).Where(d => d.Kind == "Configuration"))
        {
            var acl = AccessControlParser.Parse(Yaml(configuration), configuration.Source, isHttp: true);
            Assert.True(acl is null || acl.IsAllowed(null, "quota/keys", "POST", isHttp: true), $"{configuration} blocks every call without mTLS");
        }
    }

    private static (AccessControlList Acl, string Namespace) AccessControlOf(string root, string appId)
    {
        var configuration = ConfigurationOf(root, appId);
        var acl = AccessControlParser.Parse(Yaml(configuration), configuration.Source, isHttp: true);
        Assert.NotNull(acl);
        return (acl, Workload.Of(Kustomize.Render(root), appId).Namespace);
    }

    private static YamlDocument ConfigurationOf(string root, string appId)
    {
        var documents = Kustomize.Render(root);
        var name = Workload.Of(documents, appId).Annotation("dapr.io/config");
        return documents.Single(d => d.Kind == "Configuration" && d.Name == name);
    }

    private static YamlMappingNode Yaml(YamlDocument document)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(document.Text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
