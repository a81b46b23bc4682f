using System.Text.RegularExpressions;
using Dapr.AiProvider.Deployment.Tests.Infrastructure;

namespace Dapr.AiProvider.Deployment.Tests.Rules;

/// <summary>
/// A provider's base URL in providers.json may name an environment variable as <c>%NAME%</c> (expanded by
/// <c>Environment.ExpandEnvironmentVariables</c> in provider-adapters' ProviderRegistry): every deployment must hand
/// that variable to the provider-adapters container, or the provider is unreachable there.
/// </summary>
public sealed partial class ProviderEnvironmentRulesTests
{
    private static IReadOnlySet<string> BaseUrlVariables()
    {
        var providers = File.ReadAllText(RepoPaths.File("services", "provider-adapters", "providers.json"));
        return Placeholder().Matches(providers).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    [Fact]
    public void ProvidersJson_NamesCloudflaresAccountId()
    {
        Assert.Equal(["CLOUDFLARE_ACCOUNT_ID"], BaseUrlVariables().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ResourceSets.KubernetesRoots), MemberType = typeof(ResourceSets))]
    public void Kubernetes_AdaptersContainerGetsEveryBaseUrlVariable_FromAnOptionalSecret(string root)
    {
        var adapters = Workload.Of(Kustomize.Render(root), "provider-adapters");
        var env = adapters.Container["env"]!.AsArray();

        foreach (var variable in BaseUrlVariables())
        {
            var entry = env.SingleOrDefault(e => (string?)e!["name"] == variable);
            Assert.True(entry is not null, $"{variable} is not in provider-adapters' env ({root})");
            var reference = entry["valueFrom"]!["secretKeyRef"]!;
            Assert.True((bool?)reference["optional"], $"{variable}: the Secret is optional, only its provider needs it");
        }
    }

    [Fact]
    public void Compose_AdaptersGetEveryBaseUrlVariable()
    {
        var environment = ComposeFile.Services["provider-adapters"]!["environment"]!.AsObject();

        foreach (var variable in BaseUrlVariables())
        {
            Assert.True(environment.ContainsKey(variable), $"{variable} is not in provider-adapters' environment (compose.yaml)");
        }
    }

    [GeneratedRegex("%([A-Z][A-Z0-9_]*)%")]
    private static partial Regex Placeholder();
}
