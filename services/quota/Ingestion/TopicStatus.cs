using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Quota.Ingestion;

/// <summary>The body Dapr reads from a subscription handler: SUCCESS, RETRY or DROP.</summary>
internal sealed record TopicStatus([property: JsonPropertyName("status")] string Status)
{
    public static readonly TopicStatus Success = new("SUCCESS");
    public static readonly TopicStatus Retry = new("RETRY");
    public static readonly TopicStatus Drop = new("DROP");
}
