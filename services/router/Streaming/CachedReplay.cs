using System.Buffers;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.Router.Streaming;

/// <summary>Turns a cached <c>chat.completion</c> into the chunks a streaming client expects (usage goes with the end).</summary>
internal static class CachedReplay
{
    public static IEnumerable<ChatCompletionChunk> Chunks(ChatCompletionResponse completion)
    {
        var id = string.IsNullOrEmpty(completion.Id) ? "chatcmpl-cached" : completion.Id;
        foreach (var choice in completion.Choices)
        {
            yield return Chunk(id, completion, choice.Index, new ChunkDelta { Role = "assistant" }, null);
            if (!string.IsNullOrEmpty(choice.Message.Content))
            {
                yield return Chunk(id, completion, choice.Index, new ChunkDelta { Content = choice.Message.Content }, null);
            }
            if (choice.Message.ToolCalls is { ValueKind: JsonValueKind.Array } calls)
            {
                yield return Chunk(id, completion, choice.Index, new ChunkDelta { ToolCalls = Indexed(calls) }, null);
            }
            yield return Chunk(id, completion, choice.Index, new ChunkDelta(), choice.FinishReason ?? "stop");
        }
    }

    private static ChatCompletionChunk Chunk(string id, ChatCompletionResponse completion, int index, ChunkDelta delta, string? finish) => new()
    {
        Id = id,
        Created = completion.Created,
        Model = completion.Model,
        Choices = [new ChunkChoice { Index = index, Delta = delta, FinishReason = finish }],
    };

    /// <summary>Stream tool-call deltas carry an <c>index</c>; a completed message's tool calls do not.</summary>
    private static JsonElement Indexed(JsonElement calls)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            var i = 0;
            foreach (var call in calls.EnumerateArray())
            {
                writer.WriteStartObject();
                writer.WriteNumber("index", i++);
                if (call.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in call.EnumerateObject())
                    {
                        if (property.Name != "index")
                        {
                            property.WriteTo(writer);
                        }
                    }
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
