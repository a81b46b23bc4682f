using Dapr.AiProvider.Deployment.Tests.Infrastructure;

namespace Dapr.AiProvider.Deployment.Tests.Rules;

/// <summary>
/// On Kubernetes every hop leaving the pod is encrypted: Redis components with enableTLS, the ledger with
/// verify-full against a CA from a Secret, the router behind TLS 1.3 (an Ingress, a Gateway API listener or Kestrel
/// itself, one overlay each, certificates from cert-manager). Locally plain HTTP on loopback stays the default.
/// </summary>
public sealed class TlsRulesTests
{
    [Theory]
    [MemberData(nameof(ResourceSets.KubernetesRoots), MemberType = typeof(ResourceSets))]
    public void RedisComponents_UseTls(string root)
    {
        var redis = Kustomize.Render(root).Where(d => d.Kind == "Component" && ((string?)d.Json["spec"]!["type"])!.EndsWith(".redis", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, redis.Count);
        Assert.All(redis, c => Assert.Contains(c.Json["spec"]!["metadata"]!.AsArray(),
            m => (string?)m!["name"] == "enableTLS" && (string?)m["value"] == "true"));
    }

    [Theory]
    [MemberData(nameof(ResourceSets.KubernetesRoots), MemberType = typeof(ResourceSets))]
    public void Ledger_VerifyFullWithTheMountedCa(string root)
    {
        var quota = Workload.Of(Kustomize.Render(root), "quota");
        var mount = quota.Container["volumeMounts"]!.AsArray().Single(m => (string?)m!["name"] == "postgres-ca")!;
        var volume = quota.Pod["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "postgres-ca")!;
        var example = File.ReadAllText(RepoPaths.File("k8s", "secrets.example.yaml"));

        Assert.Equal("postgres-ca", (string?)volume["secret"]!["secretName"]);
        Assert.Contains($"SSL Mode=VerifyFull;Root Certificate={(string?)mount["mountPath"]}/ca.crt", example, StringComparison.Ordinal);
    }

    [Fact]
    public void IngressOverlay_TerminatesTlsWithCertManager()
    {
        var ingress = Kustomize.Render("k8s/overlays/ingress").Single(d => d.Kind == "Ingress").Json;

        Assert.NotNull(ingress["metadata"]!["annotations"]!["cert-manager.io/cluster-issuer"]);
        Assert.Equal("router-tls", (string?)ingress["spec"]!["tls"]![0]!["secretName"]);
        Assert.Equal("router", (string?)ingress["spec"]!["rules"]![0]!["http"]!["paths"]![0]!["backend"]!["service"]!["name"]);
    }

    [Fact]
    public void GatewayApiOverlay_HttpsListenerAndRouteToTheRouter()
    {
        var documents = Kustomize.Render("k8s/overlays/gateway-api");
        var gateway = documents.Single(d => d.Kind == "Gateway").Json;
        var route = documents.Single(d => d.Kind == "HTTPRoute").Json;
        var listener = gateway["spec"]!["listeners"]!.AsArray().Single()!;

        Assert.Equal("HTTPS", (string?)listener["protocol"]);
        Assert.Equal("Terminate", (string?)listener["tls"]!["mode"]);
        Assert.NotNull(gateway["metadata"]!["annotations"]!["cert-manager.io/cluster-issuer"]);
        Assert.Equal((string?)gateway["metadata"]!["name"], (string?)route["spec"]!["parentRefs"]![0]!["name"]);
        Assert.Equal("router", (string?)route["spec"]!["rules"]![0]!["backendRefs"]![0]!["name"]);
    }

    [Fact]
    public void DirectTlsOverlay_KestrelTls13OnlyFromTheSecret()
    {
        var router = Workload.Of(Kustomize.Render("k8s/overlays/direct-tls"), "router");
        var env = router.Container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => (string?)e!["value"]);

        Assert.Equal("Tls13", env["Kestrel__Endpoints__Https__SslProtocols__0"]);
        Assert.False(env.ContainsKey("Kestrel__Endpoints__Https__SslProtocols__1"));
        Assert.StartsWith("https://", env["Kestrel__Endpoints__Https__Url"], StringComparison.Ordinal);
        Assert.Contains(router.Pod["volumes"]!.AsArray(), v => (string?)v!["secret"]?["secretName"] == "router-tls");
    }
}
