using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.Router.Api.Anthropic;

/// <summary>The gateway's chat completion as Anthropic's <c>message</c>: thinking (from an Anthropic upstream), text and
/// tool_use blocks, stop reason, usage with cache reads and writes.</summary>
internal static class ChatToAnthropic
{
    public static AnthropicMessageResponse Message(ChatCompletionResponse completion)
    {
        var blocks = new List<AnthropicContentBlock>();
        var choice = completion.Choices.Count > 0 ? completion.Choices[0] : null;
        if (choice?.Message.ThinkingBlocks is { ValueKind: JsonValueKind.Array } thinking)
        {
            // An Anthropic upstream's thinking comes first, as Anthropic answers, byte for byte (the signature included).
            blocks.AddRange(thinking.EnumerateArray().Select(b => new AnthropicContentBlock
            {
                Type = b.Str("type") ?? "thinking", Thinking = b.Str("thinking"), Signature = b.Str("signature"), Data = b.Str("data"),
            }));
        }
        if (choice?.Message.Content is { Length: > 0 } text)
        {
            blocks.Add(AnthropicContentBlock.OfText(text));
        }
        if (choice?.Message.ToolCalls is { ValueKind: JsonValueKind.Array } calls)
        {
            foreach (var call in calls.EnumerateArray())
            {
                var function = call.TryGetProperty("function", out var f) ? f : default;
                blocks.Add(AnthropicContentBlock.OfToolUse(
                    call.Str("id") ?? "", function.Str("name") ?? "", JsonElements.ArgumentsObject(function.Str("arguments"))));
            }
        }
        return new AnthropicMessageResponse
        {
            Id = MessageId(completion.Id),
            Model = completion.Model,
            Content = blocks,
            StopReason = StopReason(choice?.FinishReason),
            Usage = Usage(completion.Usage),
        };
    }

    public static string MessageId(string? completionId) =>
        string.IsNullOrEmpty(completionId) ? "msg_gateway" : completionId.StartsWith("msg_", StringComparison.Ordinal) ? completionId : "msg_" + completionId;

    /// <summary>OpenAI's finish reason as Anthropic's stop reason (OpenAI does not say which stop sequence matched: end_turn).</summary>
    public static string StopReason(string? finishReason) => finishReason switch
    {
        "length" => "max_tokens",
        "tool_calls" or "function_call" => "tool_use",
        "content_filter" => "refusal",
        _ => "end_turn",
    };

    public static AnthropicUsage Usage(OpenAiUsage? usage)
    {
        if (usage is null)
        {
            return new AnthropicUsage();
        }
        var cached = usage.PromptTokensDetails?.CachedTokens ?? 0;
        var written = usage.PromptTokensDetails?.CacheWriteTokens ?? 0;
        return new AnthropicUsage
        {
            // Anthropic's input_tokens counts neither cache reads nor cache writes; the gateway's prompt count has both.
            InputTokens = Math.Max(0, usage.PromptTokens - cached - written),
            CacheCreationInputTokens = written,
            CacheReadInputTokens = cached,
            OutputTokens = usage.CompletionTokens,
        };
    }
}
