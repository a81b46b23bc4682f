using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Sidecar.State;

/// <summary>The <c>state.redis</c> components of this app, with their key prefixes.</summary>
internal sealed class StateStoreRegistry : IStateStoreRegistry
{
    private readonly Dictionary<string, (RedisStateStore Store, string? Prefix)> _stores = new(StringComparer.Ordinal);

    public StateStoreRegistry(LoadedResources resources, IRedisConnections redis, SidecarOptions options)
    {
        foreach (var spec in resources.OfType("state."))
        {
            RedisStateStore store;
            try
            {
                store = new RedisStateStore(spec, redis);
            }
            catch (StateStoreException e)
            {
                throw new SidecarStartupException($"{spec.SourceFile}: component '{spec.Name}': {e.Message}");
            }
            _stores[spec.Name] = (store, StateKeys.PrefixFor(spec, options.AppId));
        }
        ActorStore = _stores.Values.Select(s => s.Store).FirstOrDefault(s => s.IsActorStateStore);
        All = _stores.Values.Select(s => (IStateStore)s.Store).ToList();
    }

    public IStateStore? ActorStore { get; }
    public IReadOnlyCollection<IStateStore> All { get; }

    public IStateStore? Find(string name) => _stores.TryGetValue(name, out var s) ? s.Store : null;

    /// <summary>The store and its key prefix, or daprd's errors for a missing store.</summary>
    public (IStateStore Store, string? Prefix) Resolve(string name)
    {
        if (_stores.Count == 0)
        {
            throw new ApiException(500, global::Grpc.Core.StatusCode.FailedPrecondition, "ERR_STATE_STORES_NOT_CONFIGURED", "state store is not configured");
        }
        return _stores.TryGetValue(name, out var s)
            ? (s.Store, s.Prefix)
            : throw ApiException.BadRequest("ERR_STATE_STORE_NOT_FOUND", $"state store {name} is not found");
    }
}
