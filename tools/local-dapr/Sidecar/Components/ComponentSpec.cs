namespace Dapr.AiProvider.LocalDapr.Sidecar.Components;

/// <summary>A Dapr <c>Component</c> resource as read from YAML (apiVersion dapr.io/v1alpha1).</summary>
public sealed record ComponentSpec
{
    public required string Name { get; init; }
    /// <summary>e.g. <c>state.redis</c>, <c>pubsub.redis</c>, <c>secretstores.local.file</c>.</summary>
    public required string Type { get; init; }
    public string Version { get; init; } = "v1";
    /// <summary>Metadata values, already resolved (secretKeyRef looked up).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> Scopes { get; init; } = [];
    /// <summary>The file it came from (for error messages).</summary>
    public string SourceFile { get; init; } = "";

    public string? Get(string key) =>
        Metadata.TryGetValue(key, out var value) ? value : null;

    public bool GetBool(string key, bool fallback = false) =>
        Get(key) is { } value ? bool.TryParse(value, out var b) ? b : fallback : fallback;
}
