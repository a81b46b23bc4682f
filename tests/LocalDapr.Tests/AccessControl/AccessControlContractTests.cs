using Microsoft.AspNetCore.Builder;
using System.Net;
using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.AccessControl;

/// <summary>
/// accessControl enforced by the called sidecar through real sidecars. With mTLS on (the local model of daprd's
/// Sentry identity, see MeshIdentity) the callee knows the caller's app id: the allowed caller passes, a stranger
/// gets daprd's 403 ERR_DIRECT_INVOKE PermissionDenied (dapr/dapr pkg/api/grpc/daprinternal.go callLocalValidateACL,
/// pkg/api/http/directmessaging.go). Without mTLS nobody has an identity and the global default action decides for
/// every caller (pkg/acl/acl.go ApplyAccessControlPolicies), as under self-hosted <c>dapr run</c>.
/// </summary>
[Trait("Category", "Process")]
public sealed class AccessControlContractTests : IAsyncLifetime
{
    private const string Namespace = "aiprovider";
    private RedisServer _redis = null!;
    private TestApp _app = null!;
    private readonly List<SidecarProcess> _sidecars = [];

    private static string Configuration(bool mtls) => $$"""
        apiVersion: dapr.io/v1alpha1
        kind: Configuration
        metadata:
          name: callee-config
        spec:
          mtls:
            enabled: {{(mtls ? "true" : "false")}}
          accessControl:
            defaultAction: deny
            trustDomain: public
            policies:
              - appId: router
                defaultAction: deny
                trustDomain: public
                namespace: {{Namespace}}
                operations:
                  - name: /quota/**
                    httpVerb: ["POST", "GET"]
                    action: allow
        """;

    private static string CallerConfiguration(bool mtls) =>
        $"apiVersion: dapr.io/v1alpha1\nkind: Configuration\nmetadata:\n  name: caller-config\nspec:\n  mtls:\n    enabled: {(mtls ? "true" : "false")}\n";

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _app = await TestApp.StartAsync(app => app.Map("/{**path}", (string path) => $"reached {path}"));
    }

    private async Task<(HttpClient Router, HttpClient Stranger)> StartMeshAsync(bool mtls)
    {
        var env = new Dictionary<string, string> { ["NAMESPACE"] = Namespace };
        _sidecars.Add(await SidecarProcess.StartAsync(_redis, new SidecarSpec("quota")
        {
            AppPort = _app.Port, Env = env, ConfigurationYaml = Configuration(mtls),
        }));
        var router = await SidecarProcess.StartAsync(_redis, new SidecarSpec("router") { Env = env, ConfigurationYaml = CallerConfiguration(mtls) });
        var stranger = await SidecarProcess.StartAsync(_redis, new SidecarSpec("stranger") { Env = env, ConfigurationYaml = CallerConfiguration(mtls) });
        _sidecars.AddRange([router, stranger]);
        return (router.CreateHttpClient(), stranger.CreateHttpClient());
    }

    [Fact]
    public async Task Mtls_AllowedCallerPasses_StrangerAndUnlistedOperationRefused()
    {
        var (router, stranger) = await StartMeshAsync(mtls: true);

        using var allowed = await router.PostAsync("v1.0/invoke/quota/method/quota/keys", new StringContent("{}"));
        using var wrongVerb = await router.DeleteAsync("v1.0/invoke/quota/method/quota/keys/k1");
        using var refused = await stranger.PostAsync("v1.0/invoke/quota/method/quota/keys", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("reached quota/keys", await allowed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, wrongVerb.StatusCode);
        await AssertDeniedAsync(refused, $"spiffe://public/ns/{Namespace}/stranger", "quota/keys", "POST");
    }

    [Fact]
    public async Task NoMtls_NoCallerIdentity_DefaultDenyRefusesEveryCaller()
    {
        var (router, _) = await StartMeshAsync(mtls: false);

        using var refused = await router.PostAsync("v1.0/invoke/quota/method/quota/keys", new StringContent("{}"));

        await AssertDeniedAsync(refused, "", "quota/keys", "POST");
    }

    private static async Task AssertDeniedAsync(HttpResponseMessage response, string id, string operation, string verb)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ERR_DIRECT_INVOKE", body.RootElement.GetProperty("errorCode").GetString());
        Assert.Equal(
            $"failed to invoke, id: quota, err: rpc error: code = PermissionDenied desc = access control policy has denied access to id: {id} operation: {operation} verb: {verb}",
            body.RootElement.GetProperty("message").GetString());
    }

    public async Task DisposeAsync()
    {
        foreach (var sidecar in _sidecars)
        {
            await sidecar.DisposeAsync();
        }
        await _app.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
