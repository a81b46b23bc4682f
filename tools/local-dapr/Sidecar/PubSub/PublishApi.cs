using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>
/// <c>POST /v1.0/publish/{pubsubname}/{topic}</c>: body + Content-Type (default <c>text/plain</c>),
/// metadata from <c>?metadata.{key}=</c> query parameters; 204, or daprd's errors
/// (dapr pkg/api/errors/pubsub.go).
/// </summary>
internal static class PublishApi
{
    public static IEndpointRouteBuilder MapPublish(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1.0/publish/{pubsubname}/{**topic}", PublishAsync);
        return endpoints;
    }

    private static async Task<Results<NoContent, JsonHttpResult<DaprError>>> PublishAsync(
        string pubsubname, string? topic, HttpRequest request, IPubSubPublisher publisher, PubSubComponents components,
        SidecarOptions options, CancellationToken ct)
    {
        if (!components.Any)
        {
            return Error(400, "ERR_PUBSUB_NOT_CONFIGURED", "pubsub is not configured");
        }
        if (string.IsNullOrEmpty(topic))
        {
            return Error(404, "ERR_TOPIC_EMPTY", $"topic is empty in pubsub {pubsubname}");
        }
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            if (key.StartsWith("metadata.", StringComparison.OrdinalIgnoreCase))
            {
                metadata[key["metadata.".Length..]] = value.ToString();
            }
        }
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        var outcome = await publisher.PublishAsync(pubsubname, topic,
            body.GetBuffer().AsMemory(0, (int)body.Length), request.ContentType, metadata, ct);
        return outcome switch
        {
            PublishOutcome.Published => TypedResults.NoContent(),
            PublishOutcome.PubSubNotFound => Error(404, "ERR_PUBSUB_NOT_FOUND", $"pubsub {pubsubname} not found"),
            PublishOutcome.TopicForbidden => Error(403, "ERR_PUBSUB_FORBIDDEN", $"topic {topic} is not allowed for app id {options.AppId}"),
            _ => Error(500, "ERR_PUBSUB_PUBLISH_MESSAGE", $"error when publishing to topic {topic} in pubsub {pubsubname}: publish failed"),
        };
    }

    private static JsonHttpResult<DaprError> Error(int status, string code, string message) =>
        TypedResults.Json(new DaprError(code, message), SidecarJsonContext.Default.DaprError, statusCode: status);
}
