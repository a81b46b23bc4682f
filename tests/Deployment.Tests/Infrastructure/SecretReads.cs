using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Dapr.AiProvider.Deployment.Tests.Infrastructure;

/// <summary>Which secrets each app reads from the Dapr secret store, taken from the services themselves.</summary>
public static partial class SecretReads
{
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> ByApp { get; } = new Dictionary<string, IReadOnlySet<string>>
    {
        // quota: `const string SecretName = "…"` (Data/LedgerDataSource.cs, Keys/ApiKeyPepper.cs).
        ["quota"] = Directory.GetFiles(RepoPaths.File("services", "quota"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => SecretNameConstant().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal),
        // provider-adapters: every ApiKeySecret of providers.json.
        ["provider-adapters"] = ApiKeySecrets(JsonNode.Parse(File.ReadAllText(RepoPaths.File("services", "provider-adapters", "providers.json")))).ToHashSet(StringComparer.Ordinal),
        ["router"] = new HashSet<string>(StringComparer.Ordinal),
    };

    private static IEnumerable<string> ApiKeySecrets(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "ApiKeySecret" && p.Value is JsonValue v && (string?)v is { Length: > 0 } s ? [s] : ApiKeySecrets(p.Value)),
        JsonArray a => a.SelectMany(ApiKeySecrets),
        _ => [],
    };

    [GeneratedRegex(@"const string SecretName = ""([^""]+)""")]
    private static partial Regex SecretNameConstant();
}
