using System.Text.Json.Nodes;

namespace Dapr.AiProvider.Deployment.Tests.Infrastructure;

/// <summary>A Deployment with a Dapr sidecar, read from a rendered set: its app id, annotations, pod and app container.</summary>
public sealed record Workload(YamlDocument Deployment)
{
    public JsonObject Pod => Deployment.Json["spec"]!["template"]!["spec"]!.AsObject();
    public string AppId => Annotation("dapr.io/app-id") ?? "";
    public string Namespace => (string?)Deployment.Json["metadata"]!["namespace"] ?? "default";
    public string ServiceAccount => (string?)Pod["serviceAccountName"] ?? "default";
    public JsonObject Container => Pod["containers"]!.AsArray().Single(c => (string?)c!["name"] == Deployment.Name)!.AsObject();

    public string? Annotation(string name) => (string?)Deployment.Json["spec"]!["template"]!["metadata"]!["annotations"]?[name];

    /// <summary>The secretKeyRef (name, key) an env variable of the app container takes its value from.</summary>
    public (string? Name, string? Key) EnvSecret(string variable)
    {
        var env = Container["env"]?.AsArray().FirstOrDefault(e => (string?)e!["name"] == variable);
        var reference = env?["valueFrom"]?["secretKeyRef"];
        return ((string?)reference?["name"], (string?)reference?["key"]);
    }

    public static IReadOnlyList<Workload> In(IEnumerable<YamlDocument> documents) =>
        [.. documents.Where(d => d.Kind == "Deployment").Select(d => new Workload(d)).Where(w => w.Annotation("dapr.io/enabled") == "true")];

    public static Workload Of(IEnumerable<YamlDocument> documents, string appId) => In(documents).Single(w => w.AppId == appId);
}
