using System.Text.Json.Serialization;

namespace Dapr.AiProvider.ProviderAdapters.Pricing;

/// <summary>The on-disk price table (<c>prices.json</c>): USD per 1M tokens.</summary>
internal sealed record PriceFile
{
    [JsonPropertyName("version")] public string Version { get; init; } = "";
    [JsonPropertyName("models")] public Dictionary<string, PriceFileEntry> Models { get; init; } = [];
}

internal sealed record PriceFileEntry
{
    [JsonPropertyName("input")] public decimal Input { get; init; }
    [JsonPropertyName("cachedInput")] public decimal CachedInput { get; init; }
    [JsonPropertyName("cacheWrite")] public decimal CacheWrite { get; init; }
    [JsonPropertyName("output")] public decimal Output { get; init; }
}

[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(PriceFile))]
internal sealed partial class PriceFileJsonContext : JsonSerializerContext;
