using System.Text.Json;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.Anthropic;

/// <summary>
/// Anthropic's <c>thinking</c> and <c>redacted_thinking</c> blocks as the gateway carries them (<c>thinking_blocks</c> on
/// the OpenAI-shaped message and deltas): the fields Anthropic sent, unchanged, so a Messages client gets back the exact
/// blocks — signature included — it must return with its next tool result.
/// </summary>
internal static class AnthropicThinking
{
    public static bool IsThinking(string? blockType) => blockType is "thinking" or "redacted_thinking";

    /// <summary>The answer's thinking blocks in order, or null when it has none.</summary>
    public static JsonElement? Blocks(IReadOnlyList<AnthropicBlock> content)
    {
        if (!content.Any(b => IsThinking(b.Type)))
        {
            return null;
        }
        return Build(writer =>
        {
            foreach (var block in content.Where(b => IsThinking(b.Type)))
            {
                Write(writer, block.Type, block.Thinking, block.Signature, block.Data);
            }
        });
    }

    /// <summary>One streamed piece: a thinking fragment, a block's signature, or a whole redacted block.</summary>
    public static JsonElement Piece(string type, string? thinking, string? signature, string? data) =>
        Build(writer => Write(writer, type, thinking, signature, data));

    private static void Write(Utf8JsonWriter writer, string type, string? thinking, string? signature, string? data)
    {
        writer.WriteStartObject();
        writer.WriteString("type", type);
        if (type == "redacted_thinking")
        {
            writer.WriteString("data", data ?? "");
        }
        else
        {
            writer.WriteString("thinking", thinking ?? "");
            if (signature is not null)
            {
                writer.WriteString("signature", signature);
            }
        }
        writer.WriteEndObject();
    }

    private static JsonElement Build(Action<Utf8JsonWriter> items)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            items(writer);
            writer.WriteEndArray();
        }
        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
