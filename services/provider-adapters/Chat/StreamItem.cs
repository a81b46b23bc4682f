using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.ProviderAdapters.Chat;

/// <summary>One item of a translated stream: a chunk, then exactly one of usage (normal end) or error.</summary>
internal readonly record struct StreamItem(ChatCompletionChunk? Chunk, AdapterUsageReport? Usage, AdapterError? Error)
{
    public static StreamItem Of(ChatCompletionChunk chunk) => new(chunk, null, null);
    public static StreamItem End(AdapterUsageReport usage) => new(null, usage, null);
    public static StreamItem Fail(AdapterError error) => new(null, null, error);
}
