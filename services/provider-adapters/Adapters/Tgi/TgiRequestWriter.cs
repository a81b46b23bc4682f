using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.Tgi;

/// <summary>
/// OpenAI request → TGI <c>{"inputs", "parameters"}</c>. TGI's native API takes a raw prompt, so the
/// messages are rendered with a plain role-prefixed template (<c>System:/User:/Assistant:</c>, ending
/// with <c>Assistant:</c>); deployments whose model needs its own chat template should use TGI's
/// OpenAI-compatible <c>/v1/chat/completions</c> through the <c>openai-compatible</c> family instead.
/// Tools and images are not supported by this endpoint and are ignored.
/// </summary>
internal static class TgiRequestWriter
{
    public static byte[] Write(UpstreamCall call, bool stream)
    {
        var request = call.Request;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("inputs", Prompt(request.Messages));
            writer.WriteStartObject("parameters");
            writer.WriteNumber("max_new_tokens", Math.Min(request.OutputTokenLimit ?? call.Model.MaxOutputTokens, call.Model.MaxOutputTokens));
            if (request.Temperature is > 0 and var temperature)
            {
                writer.WriteNumber("temperature", temperature);
                writer.WriteBoolean("do_sample", true);
            }
            if (request.TopP is > 0 and < 1 and var topP)
            {
                writer.WriteNumber("top_p", topP);
            }
            if (request.Seed is { } seed)
            {
                writer.WriteNumber("seed", seed);
            }
            UpstreamRequests.WriteStop(writer, "stop", request.Stop);
            writer.WriteBoolean("details", true);
            if (!stream)
            {
                writer.WriteBoolean("decoder_input_details", true);
            }
            writer.WriteEndObject();
            writer.WriteBoolean("stream", stream);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static string Prompt(IReadOnlyList<ChatMessage> messages)
    {
        var prompt = new StringBuilder();
        foreach (var message in messages)
        {
            var role = message.Role switch
            {
                "system" or "developer" => "System",
                "assistant" => "Assistant",
                "tool" => "Tool",
                _ => "User",
            };
            prompt.Append(role).Append(": ").Append(message.Text()).Append('\n');
        }
        return prompt.Append("Assistant:").ToString();
    }
}
