using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Contracts.Usage;

namespace Dapr.AiProvider.Quota.Tests.Infrastructure;

/// <summary>Builds deliveries the way a Dapr sidecar posts them (<c>application/cloudevents+json</c>).</summary>
public static class CloudEvents
{
    public static UsageRecorded Usage(string requestId, string provider = "openai", string model = "gpt-4o-mini",
        long costMicros = 1_500, bool cacheHit = false, string? apiKeyId = "key-1", string taskType = "chat",
        DateTimeOffset? occurredAt = null, string? callerAppId = null) => new()
    {
        RequestId = requestId,
        CallerAppId = callerAppId,
        OccurredAt = occurredAt ?? new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
        ApiKeyId = apiKeyId,
        Team = "platform",
        TaskType = taskType,
        Provider = provider,
        Model = model,
        Tokens = new TokenUsage { InputTokens = 120, CachedInputTokens = 20, OutputTokens = 30, ReasoningTokens = 5 },
        CostMicros = costMicros,
        LatencyMs = 420.5,
        CacheHit = cacheHit,
        Attempts = 1,
        Status = 200,
    };

    public static HttpContent Envelope(UsageRecorded usage, string topic = "usage")
    {
        var data = JsonSerializer.Serialize(usage, ContractsJsonContext.Default.UsageRecorded);
        return Envelope(data, topic);
    }

    public static HttpContent Envelope(string dataJson, string topic = "usage")
    {
        var json = $$"""
            {"id":"{{Guid.NewGuid()}}","specversion":"1.0","source":"router","type":"com.dapr.event.sent",
             "datacontenttype":"application/json","topic":"{{topic}}","pubsubname":"pubsub","data":{{dataJson}}}
            """;
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
        return content;
    }

    public static async Task<string> StatusAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("status").GetString()!;
    }
}
