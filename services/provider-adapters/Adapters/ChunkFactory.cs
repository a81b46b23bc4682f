using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.ProviderAdapters.Adapters;

/// <summary>Builds OpenAI chunks for families whose streams are translated (Anthropic, Gemini, TGI).</summary>
internal sealed class ChunkFactory(string id, string model, long created)
{
    public string Id { get; set; } = id;

    public ChatCompletionChunk Role() => Make(new ChunkDelta { Role = "assistant", Content = "" }, null);

    public ChatCompletionChunk Text(string text) => Make(new ChunkDelta { Content = text }, null);

    public ChatCompletionChunk Tools(JsonElement toolCalls) => Make(new ChunkDelta { ToolCalls = toolCalls }, null);

    public ChatCompletionChunk Finish(string finishReason) => Make(new ChunkDelta(), finishReason);

    /// <summary>A piece of an Anthropic thinking block (<see cref="ChunkDelta.ThinkingBlocks"/>).</summary>
    public ChatCompletionChunk Thinking(JsonElement block) => Make(new ChunkDelta { ThinkingBlocks = block }, null);

    private ChatCompletionChunk Make(ChunkDelta delta, string? finishReason) => new()
    {
        Id = Id,
        Created = created,
        Model = model,
        Choices = [new ChunkChoice { Index = 0, Delta = delta, FinishReason = finishReason }],
    };
}
