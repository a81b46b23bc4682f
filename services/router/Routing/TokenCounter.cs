using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.Router.Routing;

/// <summary>
/// Counts prompt tokens with the o200k_base tiktoken encoding (a close estimate for every family;
/// exact for current OpenAI models), plus the chat framing overhead OpenAI documents. The encoding is
/// <see cref="O200kEncoding"/>: the same counts as Microsoft.ML.Tokenizers' in a tenth of its memory.
/// </summary>
internal sealed class TokenCounter
{
    private const int PerMessageOverhead = 3;
    private const int ReplyPrimer = 3;
    private const int ImagePartEstimate = 85;

    public int CountText(string text) => string.IsNullOrEmpty(text) ? 0 : O200kEncoding.Instance.CountTokens(text);

    public int CountPrompt(ChatCompletionRequest request)
    {
        var total = ReplyPrimer;
        foreach (var message in request.Messages)
        {
            total += PerMessageOverhead + CountText(message.Role) + CountText(message.Text());
            total += ImageParts(message) * ImagePartEstimate;
            if (message.Name is { } name)
            {
                total += 1 + CountText(name);
            }
            if (message.ToolCalls is { } calls)
            {
                total += CountText(calls.GetRawText());
            }
        }
        if (request.Tools is { } tools)
        {
            total += CountText(tools.GetRawText());
        }
        return total;
    }

    private static int ImageParts(ChatMessage message)
    {
        if (message.Content is not { ValueKind: System.Text.Json.JsonValueKind.Array } parts)
        {
            return 0;
        }
        var count = 0;
        foreach (var part in parts.EnumerateArray())
        {
            if (part.ValueKind == System.Text.Json.JsonValueKind.Object
                && part.TryGetProperty("type", out var type) && !type.ValueEquals("text"))
            {
                count++;
            }
        }
        return count;
    }
}
