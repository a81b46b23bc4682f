using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.Anthropic;

/// <summary>Writes the <c>messages</c> array: user/assistant turns (same-role turns merged) with content blocks.</summary>
internal static class AnthropicMessagesWriter
{
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<ChatMessage> messages) =>
        MergedTurnsWriter.Write(writer, messages, "messages", "assistant", "content", WriteBlocks);

    private static void WriteBlocks(Utf8JsonWriter writer, ChatMessage message)
    {
        if (message.Role == "tool")
        {
            writer.WriteStartObject();
            writer.WriteString("type", "tool_result");
            writer.WriteString("tool_use_id", message.ToolCallId ?? "");
            writer.WriteString("content", message.Text());
            writer.WriteEndObject();
            return;
        }
        foreach (var part in ContentParts.Of(message))
        {
            if (part.IsText)
            {
                if (part.Text!.Length == 0)
                {
                    continue;
                }
                writer.WriteStartObject();
                writer.WriteString("type", "text");
                writer.WriteString("text", part.Text);
                writer.WriteEndObject();
                continue;
            }
            writer.WriteStartObject();
            writer.WriteString("type", "image");
            writer.WriteStartObject("source");
            if (part.IsInlineImage)
            {
                writer.WriteString("type", "base64");
                writer.WriteString("media_type", part.MediaType);
                writer.WriteString("data", part.Base64);
            }
            else
            {
                writer.WriteString("type", "url");
                writer.WriteString("url", part.ImageUrl);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        foreach (var call in ToolCall.Read(message.ToolCalls))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "tool_use");
            writer.WriteString("id", call.Id);
            writer.WriteString("name", call.Name);
            writer.WritePropertyName("input");
            ContentParts.WriteArguments(writer, call.Arguments);
            writer.WriteEndObject();
        }
    }
}
