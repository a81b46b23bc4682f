using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>The <c>pubsub.redis</c> components loaded for this app, by name, with their Redis database.</summary>
internal sealed class PubSubComponents
{
    private readonly Dictionary<string, PubSubComponentSettings> _byName = new(StringComparer.Ordinal);
    private readonly IRedisConnections _redis;

    public PubSubComponents(LoadedResources resources, SidecarOptions options, IRedisConnections redis)
    {
        _redis = redis;
        foreach (var component in resources.OfType("pubsub."))
        {
            _byName[component.Name] = PubSubComponentSettings.From(component, options.AppId);
        }
    }

    public bool Any => _byName.Count > 0;

    public IEnumerable<PubSubComponentSettings> All => _byName.Values;

    public PubSubComponentSettings? Find(string name) => _byName.GetValueOrDefault(name);

    public IDatabase Database(PubSubComponentSettings settings) => _redis.Database(settings.Component);
}
