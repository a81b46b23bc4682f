using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>
/// What admins purged, as generations: every cache key includes the generation of "all", of the caller's key and of
/// the model it asked for, so a purge bumps a number instead of finding entries (the state store cannot list keys).
/// Old entries are never read again and expire through their own TTL.
/// </summary>
internal sealed record CachePurgeState
{
    [JsonPropertyName("all")] public long All { get; init; }
    [JsonPropertyName("keys")] public Dictionary<string, long> Keys { get; init; } = new(StringComparer.Ordinal);
    [JsonPropertyName("models")] public Dictionary<string, long> Models { get; init; } = new(StringComparer.Ordinal);

    public static readonly CachePurgeState Empty = new();

    /// <summary>The part of a cache key that a purge changes.</summary>
    public string GenerationFor(string keyId, string? model) =>
        $"{All}.{Keys.GetValueOrDefault(keyId)}.{Models.GetValueOrDefault(CachePurge.NormaliseModel(model))}";

    public CachePurgeState After(CachePurge purge) => purge switch
    {
        CachePurge.All => this with { All = All + 1 },
        CachePurge.OfKey key => this with { Keys = Bumped(Keys, key.KeyId) },
        CachePurge.OfModel model => this with { Models = Bumped(Models, CachePurge.NormaliseModel(model.Model)) },
        _ => throw new ArgumentOutOfRangeException(nameof(purge)),
    };

    private static Dictionary<string, long> Bumped(Dictionary<string, long> generations, string name) =>
        new(generations, StringComparer.Ordinal) { [name] = generations.GetValueOrDefault(name) + 1 };
}

/// <summary>One purge an admin asked for. Closed: all, one key's answers, one model's answers (as callers name it).</summary>
internal abstract record CachePurge
{
    private CachePurge()
    {
    }

    public sealed record All : CachePurge;

    public sealed record OfKey(string KeyId) : CachePurge;

    public sealed record OfModel(string Model) : CachePurge;

    /// <summary>The model as the cache key has it (CacheKeyBuilder: trimmed, lower case).</summary>
    public static string NormaliseModel(string? model) => (model ?? "").Trim().ToLowerInvariant();
}
