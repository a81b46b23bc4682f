using Dapr.AiProvider.LocalDapr.Sidecar.AccessControl;
using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Tests.AccessControl;

/// <summary>
/// <c>spec.accessControl</c> read and evaluated as daprd does: dapr/dapr pkg/acl/acl.go (ParseAccessControlSpec,
/// isOperationAllowedByAccessControlPolicy) and pkg/config/acl_trie.go (operation matching).
/// </summary>
public sealed class AccessControlParsingTests : IDisposable
{
    private static readonly SpiffeId Router = new("public", "aiprovider", "router");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("localdapr-acl");

    public void Dispose() => _dir.Delete(recursive: true);

    private const string QuotaPolicy = """
        apiVersion: dapr.io/v1alpha1
        kind: Configuration
        metadata:
          name: quota-config
        spec:
          mtls:
            enabled: true
          accessControl:
            defaultAction: deny
            trustDomain: public
            policies:
              - appId: router
                defaultAction: deny
                trustDomain: public
                namespace: aiprovider
                operations:
                  - name: /quota/**
                    httpVerb: ["*"]
                    action: allow
                  - name: /admin/*
                    httpVerb: ["GET"]
                    action: allow
        """;

    private LoadedResources Load(string configuration)
    {
        var config = Path.Combine(_dir.FullName, "config.yaml");
        File.WriteAllText(config, configuration);
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "resources"));
        return ResourceLoader.Load(new SidecarOptions
        {
            AppId = "quota", ResourcesPaths = [Path.Combine(_dir.FullName, "resources")], ConfigPath = config,
        }).Resources;
    }

    [Fact]
    public void Load_PolicyWithoutNamespaceOrTrustDomain_RefusesTheConfiguration()
    {
        var error = Assert.Throws<SidecarStartupException>(() => Load("""
            kind: Configuration
            metadata: { name: c }
            spec:
              accessControl:
                defaultAction: deny
                policies:
                  - appId: router
                    defaultAction: allow
                  - appId: stranger
                    trustDomain: public
            """));

        Assert.EndsWith(
            "invalid access control spec. missing trustdomain for apps: [router], missing namespace for apps: [router stranger], " +
            "missing app name on at least one of the app policies: false", error.Message);
    }

    [Fact]
    public void Load_MtlsAndPolicies_Read()
    {
        var resources = Load(QuotaPolicy);

        Assert.True(resources.MtlsEnabled);
        Assert.NotNull(resources.AccessControl);
        Assert.Equal("public", resources.AccessControl.TrustDomain);
    }

    [Fact]
    public void Load_NoAccessControl_NoListAndNoMtls()
    {
        var resources = Load("kind: Configuration\nmetadata: { name: c }\nspec:\n  tracing: { samplingRate: \"1\" }\n");

        Assert.False(resources.MtlsEnabled);
        Assert.Null(resources.AccessControl);
    }

    [Theory]
    [InlineData("quota/keys", "POST", true)]
    [InlineData("quota/keys/verify", "POST", true)]
    [InlineData("QUOTA/Keys", "DELETE", true)]          // HTTP operations compare lower-cased
    [InlineData("admin/providers", "GET", true)]
    [InlineData("admin/providers", "POST", false)]      // verb not listed: the policy's default action
    [InlineData("admin/providers/openai", "GET", false)] // /* matches exactly one last segment
    [InlineData("adapters/chat", "POST", false)]        // no matching operation: the policy's default action
    public void IsAllowed_KnownCaller_OperationAndVerbDecide(string operation, string verb, bool allowed)
    {
        var acl = Load(QuotaPolicy).AccessControl!;

        Assert.Equal(allowed, acl.IsAllowed(Router, operation, verb, isHttp: true));
    }

    [Fact]
    public void IsAllowed_NoCallerIdentity_GlobalDefaultActionForEveryCall()
    {
        var deny = Load(QuotaPolicy).AccessControl!;
        var allow = Load(QuotaPolicy.Replace("    defaultAction: deny\n    trustDomain", "    defaultAction: allow\n    trustDomain", StringComparison.Ordinal)).AccessControl!;

        Assert.False(deny.IsAllowed(null, "quota/keys", "POST", isHttp: true));
        Assert.True(allow.IsAllowed(null, "adapters/chat", "POST", isHttp: true));
    }

    [Theory]
    [InlineData("public", "default", "router")]      // other namespace
    [InlineData("example.com", "aiprovider", "router")] // other trust domain
    [InlineData("public", "aiprovider", "stranger")]  // no policy
    public void IsAllowed_CallerWithoutMatchingPolicy_GlobalDefault(string trustDomain, string ns, string appId)
    {
        var acl = Load(QuotaPolicy).AccessControl!;

        Assert.False(acl.IsAllowed(new SpiffeId(trustDomain, ns, appId), "quota/keys", "POST", isHttp: true));
    }

    [Fact]
    public void Load_NoDefaultActionWithPolicies_DefaultsToDeny()
    {
        var acl = Load(QuotaPolicy.Replace("    defaultAction: deny\n    trustDomain", "    trustDomain", StringComparison.Ordinal)).AccessControl!;

        Assert.False(acl.IsAllowed(new SpiffeId("public", "aiprovider", "stranger"), "quota/keys", "GET", isHttp: true));
    }
}
