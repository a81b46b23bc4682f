using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;
using Polly;
using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>
/// Publishes as daprd + components-contrib pubsub.redis: CloudEvent envelope (unless
/// <c>rawPayload=true</c>), then <c>XADD {topic} [MAXLEN ~ n] * data {bytes} metadata {json}</c>.
/// </summary>
internal sealed partial class RedisPubSubPublisher(
    PubSubComponents components,
    SidecarOptions options,
    TimeProvider time,
    IServiceProvider services,
    ILogger<RedisPubSubPublisher> logger) : IPubSubPublisher
{
    public async Task<PublishOutcome> PublishAsync(string pubsubName, string topic, ReadOnlyMemory<byte> data,
        string? contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken ct)
    {
        if (components.Find(pubsubName) is not { } settings)
        {
            return PublishOutcome.PubSubNotFound;
        }
        if (!TopicScopes.CanPublish(settings.Component, options.AppId, topic))
        {
            return PublishOutcome.TopicForbidden;
        }
        byte[] payload;
        try
        {
            payload = IsRawPayload(metadata)
                ? data.ToArray()
                : CloudEventFactory.Create(new PublishContext(options.AppId, pubsubName, topic, time.GetUtcNow(), metadata), data, contentType);
        }
        catch (JsonException)
        {
            Log.InvalidCloudEvent(logger, pubsubName, topic);
            return PublishOutcome.Failed;
        }
        var pipeline = services.GetService<IResiliencyProvider>()?.ComponentOutbound(pubsubName) ?? ResiliencePipeline.Empty;
        try
        {
            await pipeline.ExecuteAsync(async token => await AddAsync(settings, topic, payload, metadata), ct);
            return PublishOutcome.Published;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.PublishFailed(logger, pubsubName, topic, ex.Message);
            return PublishOutcome.Failed;
        }
    }

    /// <summary>XADD one message exactly as the component lays it out (also used for dead letters).</summary>
    public Task AddAsync(PubSubComponentSettings settings, string topic, byte[] payload, IReadOnlyDictionary<string, string> metadata)
    {
        var fields = new NameValueEntry[]
        {
            new("data", payload),
            new("metadata", JsonSerializer.Serialize(ToDictionary(metadata), PubSubJsonContext.Default.DictionaryStringString)),
        };
        return components.Database(settings).StreamAddAsync(topic, fields, messageId: null,
            maxLength: settings.MaxLenApprox, useApproximateMaxLength: settings.MaxLenApprox is not null);
    }

    private static Dictionary<string, string> ToDictionary(IReadOnlyDictionary<string, string> metadata) =>
        metadata as Dictionary<string, string> ?? new Dictionary<string, string>(metadata);

    private static bool IsRawPayload(IReadOnlyDictionary<string, string> metadata)
    {
        foreach (var (key, value) in metadata)
        {
            if (string.Equals(key, "rawPayload", StringComparison.OrdinalIgnoreCase))
            {
                return bool.TryParse(value, out var raw) && raw;
            }
        }
        return false;
    }

    private static partial class Log
    {
        [LoggerMessage(101, LogLevel.Warning, "publish to {PubSub}/{Topic} failed: {Error}")]
        public static partial void PublishFailed(ILogger logger, string pubSub, string topic, string error);

        [LoggerMessage(102, LogLevel.Warning, "publish to {PubSub}/{Topic}: body is not a valid CloudEvent JSON object")]
        public static partial void InvalidCloudEvent(ILogger logger, string pubSub, string topic);
    }
}
