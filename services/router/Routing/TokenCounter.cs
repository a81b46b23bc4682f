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

    /// <summary>Texts longer than this are counted every time: it bounds what <see cref="_recent"/> keeps (4 MB at most).</summary>
    private const int MaxRememberedChars = 16 * 1024;

    /// <summary>
    /// The last text counted per slot (by the text's hash) and its count. A cache hit sends the same texts as the request
    /// that filled the cache, and agents repeat their system prompts: hashing and comparing a text costs a small fraction
    /// of pre-tokenizing it (the count was ~6 % of the router's CPU on a hit; docs/benchmarks-peer.md, "Session 12").
    /// A count is served only for an equal text, so it is exact; a slot's entry is replaced whole, never changed.
    /// </summary>
    private readonly Counted?[] _recent = new Counted?[128];

    public int CountText(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }
        if (text.Length > MaxRememberedChars)
        {
            return O200kEncoding.Instance.CountTokens(text);
        }
        ref var slot = ref _recent[(uint)text.GetHashCode() % (uint)_recent.Length];
        if (Volatile.Read(ref slot) is { } seen && string.Equals(seen.Text, text, StringComparison.Ordinal))
        {
            return seen.Tokens;
        }
        var tokens = O200kEncoding.Instance.CountTokens(text);
        Volatile.Write(ref slot, new Counted(text, tokens));
        return tokens;
    }

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

    private sealed record Counted(string Text, int Tokens);
}
