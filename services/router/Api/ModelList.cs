using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Router.Api;

/// <summary><c>GET /v1/models</c>: <c>{"object":"list","data":[…]}</c>.</summary>
internal sealed record ModelList
{
    [JsonPropertyName("object")] public string Object { get; init; } = "list";
    [JsonPropertyName("data")] public IReadOnlyList<ModelEntry> Data { get; init; } = [];
}

internal sealed record ModelEntry
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("object")] public string Object { get; init; } = "model";
    [JsonPropertyName("created")] public long Created { get; init; }
    [JsonPropertyName("owned_by")] public string OwnedBy { get; init; } = "";
    /// <summary>model | alias | route.</summary>
    [JsonPropertyName("kind")] public string Kind { get; init; } = "model";
    [JsonPropertyName("free_tier")] public bool? FreeTier { get; init; }
    [JsonPropertyName("context_window")] public int? ContextWindow { get; init; }
    [JsonPropertyName("capabilities")] public IReadOnlyList<string>? Capabilities { get; init; }
    /// <summary>For aliases and routes: the concrete ids they may resolve to.</summary>
    [JsonPropertyName("targets")] public IReadOnlyList<string>? Targets { get; init; }
}
