using YamlDotNet.RepresentationModel;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>Reads <c>spec.targets</c>: apps, actors and components (inbound/outbound).</summary>
internal static class ResiliencyTargetReader
{
    private const int DefaultEndpointCacheSize = 100;
    private const int DefaultActorCacheSize = 5000;

    public static void Read(ResiliencyYamlFields f, YamlMappingNode? targets, ResiliencyModel model, List<PolicyReference> refs)
    {
        const string root = "spec.targets";
        foreach (var (name, node) in f.Entries(f.Map(targets, "apps", $"{root}.apps")))
        {
            var path = $"{root}.apps.{name}";
            var map = AsMap(f, node, path);
            model.Apps[name] = new AppTarget(Names(f, map, path, refs), CacheSize(f, map, path, DefaultEndpointCacheSize));
        }

        foreach (var (name, node) in f.Entries(f.Map(targets, "actors", $"{root}.actors")))
        {
            var path = $"{root}.actors.{name}";
            var map = AsMap(f, node, path);
            var names = Names(f, map, path, refs);
            var scope = f.String(map, "circuitBreakerScope", $"{path}.circuitBreakerScope");
            if (names.CircuitBreaker is not null && scope is null)
            {
                throw f.Error($"{path}.circuitBreakerScope", "actor circuit breakers must include scope (type, id or both)");
            }

            if (scope is not (null or "type" or "id" or "both"))
            {
                throw f.Error($"{path}.circuitBreakerScope", $"unknown circuit breaker scope '{scope}'");
            }

            // daprd: "both" behaves like "id".
            model.Actors[name] = new ActorTarget(names, scope is "id" or "both", CacheSize(f, map, path, DefaultActorCacheSize));
        }

        foreach (var (name, node) in f.Entries(f.Map(targets, "components", $"{root}.components")))
        {
            var path = $"{root}.components.{name}";
            var map = AsMap(f, node, path);
            var inbound = f.Map(map, "inbound", $"{path}.inbound");
            var outbound = f.Map(map, "outbound", $"{path}.outbound");
            model.Components[name] = new ComponentTarget(
                inbound is null ? null : Names(f, inbound, $"{path}.inbound", refs),
                outbound is null ? null : Names(f, outbound, $"{path}.outbound", refs));
        }
    }

    private static YamlMappingNode AsMap(ResiliencyYamlFields f, YamlNode node, string path) =>
        node as YamlMappingNode ?? throw f.Error(path, "expected a mapping");

    private static PolicyNames Names(ResiliencyYamlFields f, YamlMappingNode map, string path, List<PolicyReference> refs)
    {
        var names = new PolicyNames(
            f.String(map, "timeout", $"{path}.timeout"),
            f.String(map, "retry", $"{path}.retry"),
            f.String(map, "circuitBreaker", $"{path}.circuitBreaker"));
        Add(names.Timeout, "timeout", PolicyKind.Timeout);
        Add(names.Retry, "retry", PolicyKind.Retry);
        Add(names.CircuitBreaker, "circuitBreaker", PolicyKind.CircuitBreaker);
        return names;

        void Add(string? name, string field, PolicyKind kind)
        {
            if (name is not null)
            {
                refs.Add(new PolicyReference(f, $"{path}.{field}", kind, name));
            }
        }
    }

    private static int CacheSize(ResiliencyYamlFields f, YamlMappingNode map, string path, int fallback)
    {
        var size = f.Integer(map, "circuitBreakerCacheSize", $"{path}.circuitBreakerCacheSize") ?? 0;
        return size switch
        {
            0 => fallback,
            < 0 or > int.MaxValue => throw f.Error($"{path}.circuitBreakerCacheSize", "must be positive"),
            _ => (int)size,
        };
    }
}
