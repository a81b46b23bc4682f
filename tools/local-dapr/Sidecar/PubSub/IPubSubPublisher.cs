namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>
/// Publishing, shared by the HTTP (<c>/v1.0/publish</c>) and gRPC (<c>PublishEvent</c>) APIs.
/// Wraps <paramref name="data"/> in a CloudEvent as daprd does unless it already is one or
/// <c>rawPayload=true</c>.
/// </summary>
public interface IPubSubPublisher
{
    Task<PublishOutcome> PublishAsync(string pubsubName, string topic, ReadOnlyMemory<byte> data,
        string? contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken ct);
}

public enum PublishOutcome { Published, PubSubNotFound, TopicForbidden, Failed }
