using System.Text.Json.Nodes;
using Dapr.AiProvider.Deployment.Tests.Infrastructure;

namespace Dapr.AiProvider.Deployment.Tests.Rules;

/// <summary>
/// The conversation.openai component agents use (components/conversation.yaml locally, k8s/agents/ on Kubernetes):
/// valid against the Dapr CRDs, the same component on both sides, aimed at the gateway's OpenAI-compatible /v1,
/// its key from a secret store that is never the gateway's own (agents must not read provider keys).
/// Metadata names as components-contrib conversation/openai/metadata.yaml defines them (key, model, endpoint).
/// </summary>
public sealed class ConversationRulesTests
{
    private static YamlDocument Local => ResourceSets.Get(ResourceSets.Local).Single(d => d.Kind == "Component" && Type(d) == "conversation.openai");
    private static YamlDocument Kubernetes => Kustomize.Render("k8s/agents").Single(d => d.Kind == "Component" && Type(d) == "conversation.openai");

    public static TheoryData<string> Releases() => new(DaprCrdSchemas.Releases);

    [Theory]
    [MemberData(nameof(Releases))]
    public void AgentResources_ValidAgainstCrdSchema(string release)
    {
        var errors = Kustomize.Render("k8s/agents").SelectMany(d => DaprCrdSchemas.Validate(d, release)).ToList();

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void LocalAndKubernetes_SameComponentAndModel()
    {
        Assert.Equal(Local.Name, Kubernetes.Name);
        Assert.Equal("auto", Metadata(Local, "model")!["value"]!.ToString());
        Assert.Equal("auto", Metadata(Kubernetes, "model")!["value"]!.ToString());
    }

    [Fact]
    public void Endpoint_IsTheRouterOpenAiApi()
    {
        var router = Kustomize.Render("k8s").Single(d => d.Kind == "Service" && d.Name == "router");
        var port = router.Json["spec"]!["ports"]!.AsArray().Single(p => (string?)p!["name"] == "http")!["port"]!.ToString();
        var ns = (string?)router.Json["metadata"]!["namespace"];

        Assert.Equal($"http://router.{ns}.svc.cluster.local:{port}/v1", Metadata(Kubernetes, "endpoint")!["value"]!.ToString());
        Assert.Equal("http://127.0.0.1:8080/v1", Metadata(Local, "endpoint")!["value"]!.ToString());
    }

    [Fact]
    public void Key_FromAnAgentSecretStore_NeverTheGatewayOne()
    {
        foreach (var component in new[] { Local, Kubernetes })
        {
            var key = Metadata(component, "key")!;
            Assert.Null(key["value"]);
            Assert.NotNull(key["secretKeyRef"]!["name"]);
            Assert.NotEqual("secretstore", (string?)component.Json["auth"]!["secretStore"]);
        }
        var store = ResourceSets.Get(ResourceSets.Local).Single(d => d.Kind == "Component" && d.Name == (string?)Local.Json["auth"]!["secretStore"]);
        Assert.Equal(Scopes(Local), Scopes(store));
        Assert.DoesNotContain(Scopes(Local), app => app is "router" or "quota" or "provider-adapters");
    }

    private static string? Type(YamlDocument d) => (string?)d.Json["spec"]?["type"];

    private static JsonNode? Metadata(YamlDocument d, string name) =>
        d.Json["spec"]!["metadata"]!.AsArray().SingleOrDefault(m => (string?)m!["name"] == name);

    private static string[] Scopes(YamlDocument d) => [.. d.Json["scopes"]!.AsArray().Select(s => (string)s!)];
}
