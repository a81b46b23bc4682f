using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Dapr.AiProvider.LocalDapr.Sidecar.State;
using Dapr.Client.Autogen.Grpc.v1;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Grpc;

/// <summary>Conversions between the Dapr.Protos messages and the sidecar's own records.</summary>
internal static class GrpcMapping
{
    public static SaveItem ToSaveItem(StateItem item) => new(
        item.Key,
        item.Value.ToByteArray(),
        item.Etag?.Value,
        item.Metadata.Count == 0 ? null : new Dictionary<string, string>(item.Metadata, StringComparer.Ordinal),
        Concurrency(item.Options));

    public static string? Concurrency(StateOptions? options) => options?.Concurrency switch
    {
        StateOptions.Types.StateConcurrency.ConcurrencyFirstWrite => "first-write",
        StateOptions.Types.StateConcurrency.ConcurrencyLastWrite => "last-write",
        _ => null,
    };

    public static GetMetadataResponse ToResponse(SidecarMetadata metadata)
    {
        var response = new GetMetadataResponse
        {
            Id = metadata.Id,
            RuntimeVersion = metadata.RuntimeVersion,
            AppConnectionProperties = new AppConnectionProperties
            {
                Port = metadata.AppConnectionProperties.Port,
                Protocol = metadata.AppConnectionProperties.Protocol,
                ChannelAddress = metadata.AppConnectionProperties.ChannelAddress,
                MaxConcurrency = metadata.AppConnectionProperties.MaxConcurrency,
            },
        };
        response.EnabledFeatures.Add(metadata.EnabledFeatures);
        response.ExtendedMetadata.Add(new Dictionary<string, string>(metadata.Extended));
        var actors = new ActorRuntime
        {
            RuntimeStatus = metadata.Actors.Count > 0 ? ActorRuntime.Types.ActorRuntimeStatus.Running : ActorRuntime.Types.ActorRuntimeStatus.Disabled,
            HostReady = metadata.Actors.Count > 0,
        };
        foreach (var actor in metadata.Actors)
        {
            actors.ActiveActors.Add(new ActiveActorsCount { Type = actor.Type, Count = actor.Count });
        }
        response.ActorRuntime = actors;
        foreach (var component in metadata.Components)
        {
            var registered = new RegisteredComponents { Name = component.Name, Type = component.Type, Version = component.Version };
            registered.Capabilities.Add(component.Capabilities);
            response.RegisteredComponents.Add(registered);
        }
        foreach (var subscription in metadata.Subscriptions)
        {
            var rules = new PubsubSubscriptionRules();
            rules.Rules.Add(subscription.Rules.Select(r => new PubsubSubscriptionRule { Match = r.Match ?? "", Path = r.Path }));
            var item = new PubsubSubscription
            {
                PubsubName = subscription.PubSubName,
                Topic = subscription.Topic,
                DeadLetterTopic = subscription.DeadLetterTopic ?? "",
                Rules = rules,
                Type = subscription.Type == "DECLARATIVE" ? PubsubSubscriptionType.Declarative : PubsubSubscriptionType.Programmatic,
            };
            item.Metadata.Add(new Dictionary<string, string>(subscription.Metadata));
            response.Subscriptions.Add(item);
        }
        return response;
    }
}
