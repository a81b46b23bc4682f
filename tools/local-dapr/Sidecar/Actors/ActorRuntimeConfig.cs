using System.Text.Json;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>
/// The app's <c>GET /dapr/config</c> answer (Dapr.Actors ActorRuntime serialisation): hosted types,
/// idle timeout and scan interval (defaults 60 m / 30 s, dapr pkg/actors/api/config.go), reentrancy.
/// </summary>
internal sealed record ActorRuntimeConfig(
    IReadOnlySet<string> Entities,
    TimeSpan IdleTimeout,
    TimeSpan ScanInterval,
    bool ReentrancyEnabled,
    int MaxStackDepth)
{
    public static readonly ActorRuntimeConfig None = new(new HashSet<string>(), TimeSpan.FromMinutes(60), TimeSpan.FromSeconds(30), false, 32);

    public static ActorRuntimeConfig Parse(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        var entities = new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGetProperty("entities", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var entity in list.EnumerateArray())
            {
                if (entity.GetString() is { Length: > 0 } name)
                {
                    entities.Add(name);
                }
            }
        }
        var reentrancy = false;
        var depth = 32;
        if (root.TryGetProperty("reentrancy", out var r) && r.ValueKind == JsonValueKind.Object)
        {
            reentrancy = r.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == JsonValueKind.True;
            if (r.TryGetProperty("maxStackDepth", out var max) && max.TryGetInt32(out var m) && m > 0)
            {
                depth = m;
            }
        }
        return new ActorRuntimeConfig(entities,
            Duration(root, "actorIdleTimeout", None.IdleTimeout),
            Duration(root, "actorScanInterval", None.ScanInterval),
            reentrancy, depth);
    }

    private static TimeSpan Duration(JsonElement root, string name, TimeSpan fallback) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && ActorDurations.TryParseDuration(value.GetString()!, out var parsed) && parsed > TimeSpan.Zero
            ? parsed : fallback;
}
