using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Contracts.Providers;

/// <summary>
/// One provider of the registry (quota's <c>providers</c> table): its settings (<see cref="Config"/>, the shape of an
/// account in <c>providers.json</c>, camelCase: <c>family</c>, <c>baseUrl</c>, <c>apiKeySecret</c>, <c>models</c>,
/// <c>freeWindows</c> …; never a key) and whether it is served. <see cref="Revision"/> grows with every write.
/// </summary>
public sealed record ProviderEntry(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("origin")] string Origin,
    [property: JsonPropertyName("revision")] long Revision,
    [property: JsonPropertyName("updatedAt")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("config")] JsonElement Config);

/// <summary>The whole registry: every provider not deleted, and the registry's revision (the highest write, deletes
/// included), which the adapters compare to know whether to rebuild.</summary>
public sealed record ProviderRegistryView(
    [property: JsonPropertyName("revision")] long Revision,
    [property: JsonPropertyName("providers")] IReadOnlyList<ProviderEntry> Providers);

/// <summary>The adapters' <c>providers.json</c> accounts offered to the registry: each one the table has never held is
/// added; a row still as seeded follows the newer file (a release's catalog update); a row an operator wrote or deleted
/// is left as it is.</summary>
public sealed record ProviderSeedRequest(
    [property: JsonPropertyName("providers")] IReadOnlyList<JsonElement> Providers);

/// <summary>What a seed did: the ids added, the seeded rows updated to the newer file, and the offered settings quota
/// refused (by id, its problems by field).</summary>
public sealed record ProviderSeedResult(
    [property: JsonPropertyName("added")] IReadOnlyList<string> Added,
    [property: JsonPropertyName("updated")] IReadOnlyList<string> Updated,
    [property: JsonPropertyName("refused")] IReadOnlyDictionary<string, Dictionary<string, string[]>> Refused);

/// <summary>Where the registry lives (quota's routes, reached through the sidecar).</summary>
public static class ProviderRegistryRoutes
{
    public const string Providers = "quota/providers";
    /// <summary>Beside, not under, <see cref="Providers"/>: daprd's accessControl matches the first rule on an operation's
    /// path (dapr/dapr pkg/config/acl_trie.go), so a rule on <c>/quota/providers</c> would decide <c>/quota/providers/seed</c> too.</summary>
    public const string Seed = "quota/provider-seed";
}

/// <summary>The closed vocabularies a provider's settings use, shared by the adapters (which speak them) and quota
/// (which refuses a setting outside them).</summary>
public static class ProviderVocabulary
{
    /// <summary>Wire families the adapters speak.</summary>
    public static readonly IReadOnlySet<string> Families = new HashSet<string>(StringComparer.Ordinal)
    {
        "openai", "huggingface", "github-models", "openai-compatible", "copilot", "anthropic", "gemini", "tgi",
    };

    /// <summary>Rate-limit header dialects (<c>Adapters/LimitHeaders.cs</c> in the adapters).</summary>
    public static readonly IReadOnlySet<string> RateLimitDialects = new HashSet<string>(StringComparer.Ordinal)
    {
        "openai", "groq", "cerebras", "none",
    };
}
