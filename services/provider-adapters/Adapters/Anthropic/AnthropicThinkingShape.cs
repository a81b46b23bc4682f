namespace Dapr.AiProvider.ProviderAdapters.Adapters.Anthropic;

/// <summary>
/// Which thinking shape a Claude model takes. Newer models refuse the budgeted shape
/// (<c>thinking: {type: enabled, budget_tokens}</c>) with a 400 and take only adaptive thinking
/// (<c>thinking: {type: adaptive}</c> with <c>output_config: {effort}</c>). Anthropic's model list does not expose the
/// capability, so it is a prefix list, as other gateways keep it. Checked 2026-12-07 against
/// <https://platform.claude.com/docs/en/build-with-claude/adaptive-thinking> as quoted by docker/docker-agent
/// (pkg/model/provider/anthropic/thinking.go, PR 3381: "models that require adaptive thinking") and gateways' tables that
/// list claude-opus-4-7 and later, claude-sonnet-4-6 and later, claude-sonnet-5 / claude-opus-5 ("rejects_disabled_thinking"
/// in the official catalog) and claude-haiku-5.
/// </summary>
internal static class AnthropicThinkingShape
{
    private static readonly string[] AdaptiveOnlyPrefixes =
    [
        "claude-opus-4-7", "claude-opus-4-8", "claude-opus-4-9", "claude-opus-5",
        "claude-sonnet-4-6", "claude-sonnet-4-7", "claude-sonnet-5", "claude-haiku-5", "claude-fable-",
    ];

    public static bool IsAdaptiveOnly(string model) =>
        AdaptiveOnlyPrefixes.Any(prefix => model.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>OpenAI's reasoning_effort as Anthropic's adaptive effort level.</summary>
    public static string Effort(string? reasoningEffort) => reasoningEffort switch
    {
        "high" => "high",
        "medium" => "medium",
        _ => "low", // minimal, low
    };
}
