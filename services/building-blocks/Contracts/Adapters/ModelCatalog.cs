using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Contracts.Adapters;

/// <summary>The models the adapters can reach right now (providers with credentials configured).</summary>
public sealed record ModelCatalog
{
    [JsonPropertyName("version")] public string Version { get; set; } = "";
    [JsonPropertyName("models")] public IReadOnlyList<CatalogModel> Models { get; set; } = [];
}

/// <summary>One provider/model pair with what the router needs to route to it.</summary>
public sealed record CatalogModel
{
    /// <summary>Gateway id, <c>{provider}/{model}</c>.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("provider")] public string Provider { get; set; } = "";
    /// <summary>Wire family: openai, anthropic, gemini, huggingface, tgi, github-models, copilot, openai-compatible.</summary>
    [JsonPropertyName("family")] public string Family { get; set; } = "";
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    /// <summary>Names several providers may serve, e.g. <c>llama-3.1-8b</c>.</summary>
    [JsonPropertyName("aliases")] public IReadOnlyList<string> Aliases { get; set; } = [];
    [JsonPropertyName("freeTier")] public bool FreeTier { get; init; }
    [JsonPropertyName("contextWindow")] public int ContextWindow { get; init; }
    [JsonPropertyName("maxOutputTokens")] public int MaxOutputTokens { get; init; }
    /// <summary>chat, stream, tools, vision, json, code, reasoning, long-context.</summary>
    [JsonPropertyName("capabilities")] public IReadOnlyList<string> Capabilities { get; set; } = [];
    [JsonPropertyName("price")] public ModelPrice Price { get; set; } = new();
    /// <summary>1–10; a rough quality rank for the "quality" strategy.</summary>
    [JsonPropertyName("quality")] public int Quality { get; set; } = 5;
}

/// <summary>Micro-dollars per one million tokens of each kind.</summary>
public sealed record ModelPrice
{
    [JsonPropertyName("inputPerMTokMicros")] public long InputPerMTokMicros { get; init; }
    [JsonPropertyName("cachedInputPerMTokMicros")] public long CachedInputPerMTokMicros { get; init; }
    [JsonPropertyName("cacheWritePerMTokMicros")] public long CacheWritePerMTokMicros { get; init; }
    [JsonPropertyName("outputPerMTokMicros")] public long OutputPerMTokMicros { get; init; }
}
