namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>Why generation ended, before each dialect names it (<c>stop</c>, <c>end_turn</c>, <c>STOP</c>…).</summary>
internal enum FinishKind
{
    Stop,
    Length,
    ToolCall,
    ContentFilter,
}

/// <summary>A function call the simulated model makes.</summary>
internal sealed record ToolCallSpec(string Id, string Name, string ArgumentsJson);

/// <summary>
/// The deterministic answer to a prompt: text (or a tool call), the pieces a stream sends, and the
/// usage every dialect reports in its own terms. Prompt tokens include cached tokens; completion
/// tokens exclude reasoning tokens (dialects add them where their format does).
/// </summary>
internal sealed record SimAnswer(
    string Text,
    IReadOnlyList<string> Pieces,
    ToolCallSpec? ToolCall,
    FinishKind Finish,
    int PromptTokens,
    int CompletionTokens,
    int CachedTokens,
    int CacheWriteTokens,
    int ReasoningTokens)
{
    /// <summary>Prompt tokens that were neither read from nor written to a cache.</summary>
    public int UncachedPromptTokens => Math.Max(0, PromptTokens - CachedTokens - CacheWriteTokens);

    /// <summary>Completion including reasoning (OpenAI <c>completion_tokens</c>, Anthropic <c>output_tokens</c>).</summary>
    public int OutputTokensWithReasoning => CompletionTokens + ReasoningTokens;

    public int TotalTokens => PromptTokens + CompletionTokens + ReasoningTokens;
}
