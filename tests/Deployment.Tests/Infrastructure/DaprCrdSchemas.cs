using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Dapr.AiProvider.Deployment.Tests.Infrastructure;

/// <summary>
/// The openAPIV3Schema of each Dapr CRD of a release (Dapr's Helm chart, charts/dapr/crds), made strict the way
/// the API server's strict field validation is: an object schema that names its properties rejects any other
/// field unless it says <c>x-kubernetes-preserve-unknown-fields</c>. Caveat: Kubernetes treats a property without a
/// type but with <c>x-kubernetes-int-or-string</c> as int-or-string; without the extension it accepts anything.
/// </summary>
public static class DaprCrdSchemas
{
    public static readonly IReadOnlyList<string> Releases = ["v1.15.14", "v1.18.3"];

    private static readonly Dictionary<string, string> FileOfKind = new(StringComparer.Ordinal)
    {
        ["Component"] = "components.yaml",
        ["Configuration"] = "configuration.yaml",
        ["Resiliency"] = "resiliency.yaml",
        ["Subscription"] = "subscription.yaml",
        ["HTTPEndpoint"] = "httpendpoints.yaml",
    };

    private static readonly ConcurrentDictionary<(string, string, string), JsonSchema> Cache = new();

    /// <summary>Errors of <paramref name="resource"/> against its CRD in <paramref name="release"/>; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(YamlDocument resource, string release)
    {
        if (!FileOfKind.ContainsKey(resource.Kind))
        {
            return [$"{resource}: {resource.Kind} is not a Dapr CRD kind"];
        }
        var version = resource.ApiVersion["dapr.io/".Length..];
        var schema = Cache.GetOrAdd((release, resource.Kind, version), key => Load(key.Item1, key.Item2, key.Item3));
        using var instance = JsonDocument.Parse(resource.Json.ToJsonString());
        var result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{resource} {d.InstanceLocation}: {e.Value}"))];
    }

    private static JsonSchema Load(string release, string kind, string version)
    {
        var crd = YamlDocument.Load(Path.Combine(RepoPaths.DaprCrds(release), FileOfKind[kind])).Single();
        var versions = crd.Json["spec"]!["versions"]!.AsArray();
        var served = versions.FirstOrDefault(v => (string?)v!["name"] == version)
            ?? throw new InvalidOperationException($"{kind} {version} is not served by Dapr {release}");
        var schema = served!["schema"]!["openAPIV3Schema"]!.DeepClone();
        Strict(schema);
        return JsonSchema.FromText(schema.ToJsonString());
    }

    private static void Strict(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject schema:
                if (schema["properties"] is JsonObject
                    && !schema.ContainsKey("additionalProperties")
                    && (bool?)schema["x-kubernetes-preserve-unknown-fields"] != true)
                {
                    schema["additionalProperties"] = false;
                }
                // OpenAPI's nullable becomes a "null" type; Kubernetes' x- extensions have done their part above
                // (JSON Schema 2020-12 does not know them).
                if ((bool?)schema["nullable"] == true && schema["type"] is JsonValue type)
                {
                    schema["type"] = new JsonArray((string?)type, "null");
                }
                foreach (var keyword in schema.Select(p => p.Key).Where(k => k.StartsWith("x-", StringComparison.Ordinal) || k is "nullable" or "example").ToList())
                {
                    schema.Remove(keyword);
                }
                foreach (var (_, child) in schema.ToList())
                {
                    Strict(child);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Strict(child);
                }
                break;
        }
    }
}
