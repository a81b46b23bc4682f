using System.Text.Json;
using System.Text.Json.Serialization;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Embeddings;
using Dapr.AiProvider.Router.Health;

namespace Dapr.AiProvider.Router.State;

/// <summary>A bulk get's request body (<c>POST v1.0/state/{store}/bulk</c>).</summary>
internal sealed record BulkStateRequest
{
    public required IReadOnlyList<string> Keys { get; init; }
    public int Parallelism { get; init; }
}

/// <summary>One answer of a bulk get: the stored JSON in <see cref="Data"/> (absent for a missing key) and its ETag.</summary>
internal sealed record BulkStateEntry
{
    public string Key { get; init; } = "";
    public JsonElement? Data { get; init; }
    [JsonPropertyName("etag")] public string? ETag { get; init; }
    public string? Error { get; init; }

    public bool HasData => Data is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };
}

/// <summary>
/// What the router keeps in <c>statestore</c> and publishes, as Dapr.Client wrote it: web defaults (camelCase, nulls
/// written; records that name their properties keep their names), so stored records and events are unchanged.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BulkStateRequest))]
[JsonSerializable(typeof(BulkStateEntry[]))]
[JsonSerializable(typeof(CircuitState))]
[JsonSerializable(typeof(ProviderHealth))]
[JsonSerializable(typeof(CachedCompletion))]
[JsonSerializable(typeof(CachedEmbeddings))]
[JsonSerializable(typeof(CachePurgeState))]
[JsonSerializable(typeof(MeshApp[]))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(UsageRecorded))]
[JsonSerializable(typeof(UsageBatch))]
internal sealed partial class SidecarStateJsonContext : JsonSerializerContext;
