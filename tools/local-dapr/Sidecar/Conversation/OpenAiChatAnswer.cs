using System.Text.Json;
using Dapr.Client.Autogen.Grpc.v1;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Conversation;

/// <summary>
/// An OpenAI chat completion read as langchaingokit normalises it (<c>conversation/langchaingokit/model.go</c>
/// NormalizeConverseResult, <c>translate.go</c> usage): choices in order with index = position, an empty finish
/// reason becomes <c>unknown</c>, usage only when some count is above zero, token details only when non-zero.
/// </summary>
internal static class OpenAiChatAnswer
{
    public static ConversationAnswer Read(string body, string model)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var choices = new List<ConversationResultChoices>();
        if (root.TryGetProperty("choices", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                choices.Add(ReadChoice(item, choices.Count));
            }
        }
        return new ConversationAnswer(model, choices, root.TryGetProperty("usage", out var usage) ? ReadUsage(usage) : null);
    }

    private static ConversationResultChoices ReadChoice(JsonElement item, int index)
    {
        var message = new ConversationResultMessage();
        if (item.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object)
        {
            message.Content = String(m, "content") ?? "";
            if (m.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            {
                foreach (var call in calls.EnumerateArray())
                {
                    var function = call.TryGetProperty("function", out var f) ? f : default;
                    var toolCall = new ConversationToolCalls
                    {
                        Function = new ConversationToolCallsOfFunction
                        {
                            Name = function.ValueKind == JsonValueKind.Object ? String(function, "name") ?? "" : "",
                            Arguments = function.ValueKind == JsonValueKind.Object ? String(function, "arguments") ?? "" : "",
                        },
                    };
                    if (String(call, "id") is { Length: > 0 } id)
                    {
                        toolCall.Id = id;
                    }
                    message.ToolCalls.Add(toolCall);
                }
            }
        }
        return new ConversationResultChoices
        {
            FinishReason = String(item, "finish_reason") is { Length: > 0 } reason ? reason : "unknown",
            Index = index,
            Message = message,
        };
    }

    private static ConversationResultAlpha2CompletionUsage? ReadUsage(JsonElement usage)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var result = new ConversationResultAlpha2CompletionUsage
        {
            CompletionTokens = Count(usage, "completion_tokens"),
            PromptTokens = Count(usage, "prompt_tokens"),
            TotalTokens = Count(usage, "total_tokens"),
        };
        if (usage.TryGetProperty("completion_tokens_details", out var c) && c.ValueKind == JsonValueKind.Object)
        {
            var details = new ConversationResultAlpha2CompletionUsageCompletionTokensDetails
            {
                AcceptedPredictionTokens = Count(c, "accepted_prediction_tokens"),
                AudioTokens = Count(c, "audio_tokens"),
                ReasoningTokens = Count(c, "reasoning_tokens"),
                RejectedPredictionTokens = Count(c, "rejected_prediction_tokens"),
            };
            if (details.AcceptedPredictionTokens + details.AudioTokens + details.ReasoningTokens + details.RejectedPredictionTokens > 0)
            {
                result.CompletionTokensDetails = details;
            }
        }
        if (usage.TryGetProperty("prompt_tokens_details", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            var details = new ConversationResultAlpha2CompletionUsagePromptTokensDetails
            {
                AudioTokens = Count(p, "audio_tokens"),
                CachedTokens = Count(p, "cached_tokens"),
            };
            if (details.AudioTokens + details.CachedTokens > 0)
            {
                result.PromptTokensDetails = details;
            }
        }
        return result.CompletionTokens + result.PromptTokens + result.TotalTokens > 0 ? result : null;
    }

    private static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ulong Count(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var n) ? n : 0;
}
