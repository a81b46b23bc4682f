using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.Gemini;

/// <summary>Writes <c>contents[]</c>: turns of role <c>user</c>/<c>model</c> (system messages go to systemInstruction).</summary>
internal static class GeminiContentsWriter
{
    /// <summary>Consecutive turns of the same role are merged (parallel tool results belong in one user turn).</summary>
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<ChatMessage> messages)
    {
        // Tool results name their function by call id only; Gemini wants the function name back.
        var toolNames = new Dictionary<string, string>(StringComparer.Ordinal);
        MergedTurnsWriter.Write(writer, messages, "contents", "model", "parts", (w, message) =>
        {
            if (message.Role == "tool")
            {
                WriteFunctionResponse(w, message, toolNames);
            }
            else
            {
                WriteParts(w, message, toolNames);
            }
        });
    }

    private static void WriteParts(Utf8JsonWriter writer, ChatMessage message, Dictionary<string, string> toolNames)
    {
        foreach (var part in ContentParts.Of(message))
        {
            writer.WriteStartObject();
            if (part.IsText)
            {
                writer.WriteString("text", part.Text);
            }
            else if (part.IsInlineImage)
            {
                writer.WriteStartObject("inlineData");
                writer.WriteString("mimeType", part.MediaType);
                writer.WriteString("data", part.Base64);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartObject("fileData");
                writer.WriteString("mimeType", part.MediaType);
                writer.WriteString("fileUri", part.ImageUrl);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        foreach (var call in ToolCall.Read(message.ToolCalls))
        {
            toolNames[call.Id] = call.Name;
            writer.WriteStartObject();
            writer.WriteStartObject("functionCall");
            writer.WriteString("name", call.Name);
            writer.WritePropertyName("args");
            ContentParts.WriteArguments(writer, call.Arguments);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    }

    private static void WriteFunctionResponse(Utf8JsonWriter writer, ChatMessage message, Dictionary<string, string> toolNames)
    {
        var name = message.Name ?? (message.ToolCallId is { } id && toolNames.TryGetValue(id, out var known) ? known : "tool");
        writer.WriteStartObject();
        writer.WriteStartObject("functionResponse");
        writer.WriteString("name", name);
        writer.WriteStartObject("response");
        writer.WriteString("content", message.Text());
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
