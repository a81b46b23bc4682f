using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.ProviderAdapters.Adapters;

/// <summary>
/// Writes the conversation as alternating user / assistant turns, as Anthropic and Gemini require:
/// system messages are left out (they go to the top-level system field), tool results count as the
/// user's turn, and consecutive messages of one role are merged into one turn.
/// </summary>
internal static class MergedTurnsWriter
{
    /// <param name="arrayName"><c>messages</c> (Anthropic) or <c>contents</c> (Gemini).</param>
    /// <param name="assistantRole"><c>assistant</c> (Anthropic) or <c>model</c> (Gemini).</param>
    /// <param name="partsName"><c>content</c> (Anthropic) or <c>parts</c> (Gemini).</param>
    /// <param name="writeParts">Writes one message's blocks into the open parts array.</param>
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<ChatMessage> messages, string arrayName,
        string assistantRole, string partsName, Action<Utf8JsonWriter, ChatMessage> writeParts)
    {
        writer.WriteStartArray(arrayName);
        string? openRole = null;
        foreach (var message in messages)
        {
            if (message.Role is "system" or "developer")
            {
                continue;
            }
            var role = message.Role == "assistant" ? assistantRole : "user";
            if (role != openRole)
            {
                if (openRole is not null)
                {
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
                writer.WriteStartObject();
                writer.WriteString("role", role);
                writer.WriteStartArray(partsName);
                openRole = role;
            }
            writeParts(writer, message);
        }
        if (openRole is not null)
        {
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
