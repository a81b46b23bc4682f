using Dapr.AiProvider.Deployment.Tests.Infrastructure;

namespace Dapr.AiProvider.Deployment.Tests.Rules;

/// <summary>
/// The Dapr injector puts DAPR_API_TOKEN and APP_API_TOKEN into the daprd container only
/// (dapr/dapr pkg/injector/patcher/sidecar_container.go, Secret key "token"), so every app container must take
/// them from the same Secrets itself; quota and provider-adapters require the app token (AppApiTokenGuard).
/// </summary>
public sealed class TokenRulesTests
{
    [Theory]
    [MemberData(nameof(ResourceSets.KubernetesRoots), MemberType = typeof(ResourceSets))]
    public void Kubernetes_EveryAppContainerHasTheTokensItsSidecarHas(string root)
    {
        var workloads = Workload.In(Kustomize.Render(root));

        Assert.Equal(["provider-adapters", "quota", "router"], workloads.Select(w => w.AppId).Order(StringComparer.Ordinal));
        foreach (var workload in workloads)
        {
            var apiTokenSecret = workload.Annotation("dapr.io/api-token-secret");
            Assert.NotNull(apiTokenSecret);
            Assert.Equal((apiTokenSecret, "token"), workload.EnvSecret("DAPR_API_TOKEN"));
            // Every app gets the app token its sidecar sends: quota and provider-adapters refuse calls without it
            // (AppApiTokenGuard); the router trusts dapr-caller-app-id only with it (Auth/DaprCaller.cs).
            var appTokenSecret = workload.Annotation("dapr.io/app-token-secret");
            Assert.NotNull(appTokenSecret);
            Assert.Equal((appTokenSecret, "token"), workload.EnvSecret("APP_API_TOKEN"));
        }
    }

    [Fact]
    public void Compose_EveryAppAndItsDaprdShareBothTokens()
    {
        var services = ComposeFile.Services;

        foreach (var app in new[] { "router", "quota", "provider-adapters" })
        {
            var appEnv = services[app]!["environment"]!;
            var daprd = services[app + "-dapr"]!;
            Assert.Equal($"service:{app}", (string?)daprd["network_mode"]);
            Assert.Equal(ComposeFile.Tokens["DAPR_API_TOKEN"], (string?)appEnv["DAPR_API_TOKEN"]);
            Assert.Equal(ComposeFile.Tokens["DAPR_API_TOKEN"], (string?)daprd["environment"]!["DAPR_API_TOKEN"]);
            Assert.Equal(ComposeFile.Tokens["APP_API_TOKEN"], (string?)daprd["environment"]!["APP_API_TOKEN"]);
            Assert.Equal(ComposeFile.Tokens["APP_API_TOKEN"], (string?)appEnv["APP_API_TOKEN"]);
        }
    }

    [Fact]
    public void Compose_WithoutTokens_RefusesToStart()
    {
        var (exitCode, _, error) = ComposeFile.Config(new Dictionary<string, string>());

        Assert.NotEqual(0, exitCode);
        Assert.Contains("set DAPR_API_TOKEN in .env", error, StringComparison.Ordinal);
    }
}
