using System.Net.Http.Headers;
using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;
using Polly;
using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>
/// Delivers one stream entry to the app: CloudEvent (synthesised for rawPayload subscriptions), routing,
/// <c>POST</c> with <c>application/cloudevents+json</c>, retries through the component's inbound
/// resiliency policy, dead letters. Returns normally when the entry may be acknowledged; throws
/// <see cref="OperationCanceledException"/> when it must stay pending.
/// <para>The delivery's deadline is <c>processingTimeout</c> (when it and <c>redeliverInterval</c> are set;
/// components-contrib pubsub/redis/redis.go processMessage). A delivery still retrying at its deadline is
/// dead-lettered as daprd ≥ 1.18.0 does (pkg/runtime/subscription/subscription.go: an error other than
/// <c>context.Canceled</c> goes to the dead-letter topic, published with a fresh 30 s context,
/// <c>deadLetterPublishTimeout</c>; the handler then returns nil and processMessage acknowledges). Without a
/// dead-letter topic the entry stays pending (processMessage skips the XACK when the context is done). daprd
/// 1.15–1.17 published with the expired context, failed, and left every such entry pending.</para>
/// </summary>
internal sealed partial class MessageDelivery(
    AppChannel app,
    RedisPubSubPublisher publisher,
    TimeProvider time,
    IServiceProvider services,
    ILogger<MessageDelivery> logger)
{
    private static readonly TimeSpan DeadLetterPublishTimeout = TimeSpan.FromSeconds(30);

    public async Task DeliverAsync(ActiveSubscription subscription, StreamEntry entry, CancellationToken shutdown)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        if (subscription.Settings.ProcessingTimeout > TimeSpan.Zero && subscription.Settings.RedeliverInterval > TimeSpan.Zero)
        {
            deadline.CancelAfter(subscription.Settings.ProcessingTimeout);
        }
        try
        {
            await DeliverBeforeDeadlineAsync(subscription, entry, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !shutdown.IsCancellationRequested
            && subscription.Info.DeadLetterTopic is { Length: > 0 })
        {
            Log.DeadlinePassed(logger, subscription.Info.PubSubName, subscription.Info.Topic, entry.Id.ToString(), subscription.Settings.ProcessingTimeout);
            using var publish = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
            publish.CancelAfter(DeadLetterPublishTimeout);
            await DeadLetterAsync(subscription, (byte[]?)entry["data"] ?? [], ReadMetadata(entry["metadata"]), publish.Token);
        }
    }

    private async Task DeliverBeforeDeadlineAsync(ActiveSubscription subscription, StreamEntry entry, CancellationToken ct)
    {
        var info = subscription.Info;
        var data = (byte[]?)entry["data"] ?? [];
        var metadata = ReadMetadata(entry["metadata"]);
        var cloudEvent = subscription.RawPayload ? CloudEventFactory.FromRawPayload(data, info.PubSubName, info.Topic) : data;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(cloudEvent);
        }
        catch (JsonException)
        {
            Log.NotACloudEvent(logger, info.PubSubName, info.Topic, entry.Id.ToString());
            return;
        }
        using (document)
        {
            if (IsExpired(document.RootElement))
            {
                Log.Expired(logger, info.PubSubName, info.Topic, entry.Id.ToString());
                return;
            }
            if (subscription.Route(document.RootElement) is not { } path)
            {
                Log.NoRoute(logger, info.PubSubName, info.Topic);
                await DeadLetterAsync(subscription, data, metadata, ct);
                return;
            }
            var traceParent = document.RootElement.TryGetProperty("traceparent", out var tp) && tp.ValueKind == JsonValueKind.String
                ? tp.GetString() : null;
            await DeliverToRouteAsync(subscription, path, cloudEvent, traceParent, data, metadata, ct);
        }
    }

    private async Task DeliverToRouteAsync(ActiveSubscription subscription, string path, byte[] cloudEvent,
        string? traceParent, byte[] data, Dictionary<string, string> metadata, CancellationToken ct)
    {
        var info = subscription.Info;
        var pipeline = services.GetService<IResiliencyProvider>()?.ComponentInbound(info.PubSubName) ?? ResiliencePipeline.Empty;
        DeliveryStatus status;
        try
        {
            status = await pipeline.ExecuteAsync(async token =>
            {
                var (result, code) = await PostAsync(info.PubSubName, path, cloudEvent, traceParent, metadata, token);
                return result != DeliveryStatus.Retry ? result
                    : code is >= 200 and <= 299 ? throw new DeliveryRetryException($"the app asked to retry {path}")
                    : throw new HttpRequestException($"the app answered {code} for {path}", null, (System.Net.HttpStatusCode)code);
            }, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is DeliveryRetryException or HttpRequestException or OperationCanceledException)
        {
            // Retries exhausted. daprd publishes to the dead-letter topic when one is set; otherwise
            // components-contrib pubsub.redis (>= v1.17) XACKs the failed message: without an inbound
            // retry policy or a dead-letter topic a failed delivery is lost, exactly as with daprd.
            Log.DeliveryFailed(logger, info.PubSubName, info.Topic, path, ex.Message);
            await DeadLetterAsync(subscription, data, metadata, ct);
            return;
        }
        if (status == DeliveryStatus.NotFound)
        {
            Log.RouteNotFound(logger, info.PubSubName, info.Topic, path);
        }
        else if (status == DeliveryStatus.Drop)
        {
            Log.Dropped(logger, info.PubSubName, info.Topic, path);
            await DeadLetterAsync(subscription, data, metadata, ct);
        }
    }

    private async Task<(DeliveryStatus Status, int Code)> PostAsync(string pubsubName, string path, byte[] cloudEvent, string? traceParent,
        Dictionary<string, string> metadata, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/'))
        {
            Content = new ByteArrayContent(cloudEvent),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentTypes.CloudEvent);
        request.Headers.TryAddWithoutValidation("pubsubname", pubsubName);
        foreach (var (key, value) in metadata)
        {
            request.Headers.TryAddWithoutValidation(key, value);
        }
        if (traceParent is { Length: > 0 })
        {
            request.Headers.TryAddWithoutValidation("traceparent", traceParent);
        }
        using var response = await app.Client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        return (AppResponseStatus.Interpret(response.StatusCode, body), (int)response.StatusCode);
    }

    private async Task DeadLetterAsync(ActiveSubscription subscription, byte[] data, Dictionary<string, string> metadata, CancellationToken ct)
    {
        if (subscription.Info.DeadLetterTopic is not { Length: > 0 } deadLetter)
        {
            return;
        }
        ct.ThrowIfCancellationRequested();
        await publisher.AddAsync(subscription.Settings, deadLetter, data, metadata);
        Log.DeadLettered(logger, subscription.Info.PubSubName, subscription.Info.Topic, deadLetter);
    }

    private bool IsExpired(JsonElement cloudEvent) =>
        cloudEvent.TryGetProperty("expiration", out var expiration)
        && expiration.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(expiration.GetString(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
        && at < time.GetUtcNow();

    private static Dictionary<string, string> ReadMetadata(RedisValue value)
    {
        if (value.IsNullOrEmpty)
        {
            return [];
        }
        try
        {
            return JsonSerializer.Deserialize((string)value!, PubSubJsonContext.Default.DictionaryStringString) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static partial class Log
    {
        [LoggerMessage(111, LogLevel.Error, "{PubSub}/{Topic}: message {Id} is not a valid CloudEvent; acknowledged")]
        public static partial void NotACloudEvent(ILogger logger, string pubSub, string topic, string id);

        [LoggerMessage(112, LogLevel.Warning, "{PubSub}/{Topic}: message {Id} expired; dropped")]
        public static partial void Expired(ILogger logger, string pubSub, string topic, string id);

        [LoggerMessage(113, LogLevel.Warning, "{PubSub}/{Topic}: no routing rule matched; dropped")]
        public static partial void NoRoute(ILogger logger, string pubSub, string topic);

        [LoggerMessage(114, LogLevel.Warning, "{PubSub}/{Topic}: delivery to {Path} failed after retries: {Error}")]
        public static partial void DeliveryFailed(ILogger logger, string pubSub, string topic, string path, string error);

        [LoggerMessage(115, LogLevel.Error, "{PubSub}/{Topic}: the app answered 404 for {Path}; message dropped")]
        public static partial void RouteNotFound(ILogger logger, string pubSub, string topic, string path);

        [LoggerMessage(116, LogLevel.Warning, "{PubSub}/{Topic}: the app dropped the message at {Path}")]
        public static partial void Dropped(ILogger logger, string pubSub, string topic, string path);

        [LoggerMessage(118, LogLevel.Warning, "{PubSub}/{Topic}: message {Id} still in delivery after processingTimeout {Timeout}; dead-lettered")]
        public static partial void DeadlinePassed(ILogger logger, string pubSub, string topic, string id, TimeSpan timeout);

        [LoggerMessage(117, LogLevel.Information, "{PubSub}/{Topic}: message sent to dead-letter topic {DeadLetter}")]
        public static partial void DeadLettered(ILogger logger, string pubSub, string topic, string deadLetter);
    }
}
