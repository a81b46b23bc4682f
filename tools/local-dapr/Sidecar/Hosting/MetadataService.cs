using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>Builds what <c>/v1.0/metadata</c> and gRPC <c>GetMetadata</c> report.</summary>
internal sealed class MetadataService(SidecarOptions options, LoadedResources resources, IServiceProvider services)
{
    public const string RuntimeVersion = "1.19.0";

    public SidecarMetadata Build()
    {
        var components = resources.Components.Select(c => new ComponentInfo(c.Name, c.Type, c.Version, Capabilities(c))).ToList();
        var subscriptions = services.GetService<ISubscriptionInfo>()?.Subscriptions
            .Select(s => new SubscriptionMetadata(s.PubSubName, s.Topic, s.Metadata,
                s.Rules.Select(r => new SubscriptionRuleMetadata(r.Match, r.Path)).ToList(), s.DeadLetterTopic, s.Type))
            .ToList() ?? [];
        var actors = ActorTypes();
        return new SidecarMetadata(
            options.AppId,
            RuntimeVersion,
            resources.Features.Order(StringComparer.Ordinal).ToList(),
            actors,
            components,
            subscriptions,
            new Dictionary<string, string> { ["daprRuntimeVersion"] = RuntimeVersion, ["localdapr"] = "true" },
            new AppConnection(options.AppPort, options.AppProtocol, options.AppChannelAddress, -1));
    }

    private IReadOnlyList<ActorCount> ActorTypes() =>
        services.GetService<IActorTypesInfo>()?.ActiveActorCounts()
            .Select(a => new ActorCount(a.Key, a.Value)).ToList() ?? [];

    private static IReadOnlyList<string> Capabilities(ComponentSpec component) => component.Type switch
    {
        "state.redis" when component.GetBool("actorStateStore") => ["ETAG", "TRANSACTIONAL", "TTL", "ACTOR"],
        "state.redis" => ["ETAG", "TRANSACTIONAL", "TTL"],
        "secretstores.local.file" when component.GetBool("multiValued") => ["MULTIPLE_KEY_VALUES_PER_SECRET"],
        _ => [],
    };
}
