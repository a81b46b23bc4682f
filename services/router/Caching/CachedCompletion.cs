using System.Text.Json.Serialization;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>A cached chat completion (streamed requests replay it as chunks).</summary>
internal sealed record CachedCompletion : CachedAnswer
{
    [JsonPropertyName("completion")] public ChatCompletionResponse Completion { get; set; } = new();
}
