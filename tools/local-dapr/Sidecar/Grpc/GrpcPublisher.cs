using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Dapr.AiProvider.LocalDapr.Sidecar.PubSub;
using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Core;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Grpc;

/// <summary>gRPC PublishEvent: delegates to the pub/sub feature's <see cref="IPubSubPublisher"/>, mapping outcomes to daprd's codes.</summary>
internal sealed class GrpcPublisher(IServiceProvider services, LoadedResources resources, SidecarOptions options)
{
    public async Task PublishAsync(PublishEventRequest request, CancellationToken ct)
    {
        var publisher = services.GetService<IPubSubPublisher>();
        if (publisher is null || !resources.OfType("pubsub.").Any())
        {
            throw new ApiException(400, StatusCode.FailedPrecondition, "ERR_PUBSUB_NOT_CONFIGURED", "pubsub is not configured");
        }
        if (request.PubsubName.Length == 0)
        {
            throw ApiException.BadRequest("ERR_PUBSUB_EMPTY", "pubsub name is empty");
        }
        if (request.Topic.Length == 0)
        {
            throw ApiException.BadRequest("ERR_TOPIC_EMPTY", $"topic is empty in pubsub {request.PubsubName}");
        }
        var outcome = await publisher.PublishAsync(request.PubsubName, request.Topic, request.Data.Memory,
            request.DataContentType.Length > 0 ? request.DataContentType : null,
            new Dictionary<string, string>(request.Metadata, StringComparer.Ordinal), ct);
        switch (outcome)
        {
            case PublishOutcome.PubSubNotFound:
                throw ApiException.BadRequest("ERR_PUBSUB_NOT_FOUND", $"pubsub {request.PubsubName} is not found");
            case PublishOutcome.TopicForbidden:
                throw new ApiException(403, StatusCode.PermissionDenied, "ERR_PUBSUB_FORBIDDEN", $"topic {request.Topic} is not allowed for app id {options.AppId}");
            case PublishOutcome.Failed:
                throw new ApiException(500, StatusCode.Internal, "ERR_PUBSUB_PUBLISH_MESSAGE",
                    $"error when publish to topic {request.Topic} in pubsub {request.PubsubName}");
        }
    }
}
