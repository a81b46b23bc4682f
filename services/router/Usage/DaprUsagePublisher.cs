using System.Net.Http.Headers;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Router.State;

namespace Dapr.AiProvider.Router.Usage;

/// <summary>
/// Publishes to pub/sub <c>pubsub</c>, topic <c>usage</c>: one event as <see cref="UsageRecorded"/>,
/// several as one <see cref="UsageBatch"/> message (CloudEvent type <see cref="UsageBatch.CloudEventType"/>).
/// daprd's HTTP publish API (dapr/dapr <c>pkg/api/http/http.go</c> <c>onPublish</c>): <c>POST v1.0/publish/{pubsub}/{topic}</c>,
/// the JSON event as the body with <c>Content-Type: application/json</c> (the CloudEvent's <c>datacontenttype</c>, as
/// Dapr.Client sent it), publish metadata as <c>metadata.{name}</c> query parameters; 204 when published.
/// </summary>
internal sealed class DaprUsagePublisher(HttpClient http) : IUsagePublisher
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly string Topic = $"v1.0/publish/{DaprNames.PubSub}/{DaprNames.Topics.Usage}";
    private static readonly string BatchTopic = $"{Topic}?metadata.cloudevent.type={Uri.EscapeDataString(UsageBatch.CloudEventType)}";

    public Task PublishAsync(IReadOnlyList<UsageRecorded> events, CancellationToken cancellationToken) => events.Count == 1
        ? SendAsync(Topic, JsonSerializer.SerializeToUtf8Bytes(events[0], SidecarStateJsonContext.Default.UsageRecorded), cancellationToken)
        : SendAsync(BatchTopic, JsonSerializer.SerializeToUtf8Bytes(new UsageBatch { Events = events }, SidecarStateJsonContext.Default.UsageBatch), cancellationToken);

    private async Task SendAsync(string path, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using var response = await http.PostAsync(path, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"Publish to {DaprNames.PubSub}/{DaprNames.Topics.Usage} failed: {(int)response.StatusCode} {text}",
                null, response.StatusCode);
        }
    }
}
