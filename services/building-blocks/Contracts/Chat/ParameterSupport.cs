using System.Text.Json;

namespace Dapr.AiProvider.Contracts.Chat;

/// <summary>
/// Which request fields each wire family honours, so a field the chosen provider cannot honour is named in the
/// answer (<c>x-aiprovider-dropped-params</c>) instead of vanishing. OpenAI-shaped families receive the request
/// as sent (every field passes through); the others get what their request writer in provider-adapters maps
/// (docs/request-fields.md has the table). One place for both services: the writers and the router's header agree.
/// A <c>/v1/messages</c> body goes to Anthropic as written and names its Anthropic-only fields elsewhere.
/// </summary>
public static class ParameterSupport
{
    /// <summary>Family names as provider-adapters' ProviderFamilies spells them.</summary>
    private const string Anthropic = "anthropic";
    private const string Gemini = "gemini";
    private const string Tgi = "tgi";

    /// <summary>The fields of <paramref name="request"/> that <paramref name="family"/> does not honour, in name order; empty when none.</summary>
    public static IReadOnlyList<string> Dropped(string family, ChatCompletionRequest request)
    {
        var dropped = new SortedSet<string>(StringComparer.Ordinal);
        if (request.AnthropicBody is { } body)
        {
            // A /v1/messages body: an Anthropic upstream gets it as written; the others get its translation.
            if (family == Anthropic)
            {
                return [];
            }
            AddAnthropicOnly(body, dropped);
        }
        if (family is not (Anthropic or Gemini or Tgi))
        {
            return [.. dropped];
        }
        void Check(bool present, string name, params string[] honouredBy)
        {
            if (present && !honouredBy.Contains(family))
            {
                dropped.Add(name);
            }
        }
        Check(request.N is > 1, "n");
        Check(request.Seed is not null, "seed", Gemini, Tgi);
        Check(request.FrequencyPenalty is not null, "frequency_penalty", Gemini);
        Check(request.PresencePenalty is not null, "presence_penalty", Gemini);
        var effort = request.ReasoningEffort is null ? null : ThinkingBudget(request.ReasoningEffort);
        var anthropicThinking = family == Anthropic && AnthropicThinkingBudget(request) is not null;
        Check(request.ReasoningEffort is not null && (effort is null || family == Tgi || (family == Anthropic && effort > 0 && !anthropicThinking)),
            "reasoning_effort");
        // Anthropic's extended thinking refuses temperature and top_p changes: with thinking on they are not sent.
        Check(request.Temperature is not null && anthropicThinking, "temperature");
        Check(request.TopP is not null && anthropicThinking, "top_p");
        Check(!string.IsNullOrEmpty(request.User), "user", Anthropic);
        Check(request.Tools is not null, "tools", Anthropic, Gemini);
        Check(request.ToolChoice is not null, "tool_choice", Anthropic, Gemini);
        Check(request.ResponseFormat is not null, "response_format", Anthropic, Gemini);
        foreach (var name in request.OtherFields?.Keys ?? Enumerable.Empty<string>())
        {
            dropped.Add(name);
        }
        return [.. dropped];
    }

    /// <summary>The members of a Messages body that AnthropicToChat does not translate; the rest are named when present.</summary>
    private static readonly HashSet<string> TranslatedAnthropicFields = new(StringComparer.Ordinal)
    {
        "model", "max_tokens", "messages", "system", "tools", "tool_choice", "stop_sequences", "temperature", "top_p", "stream", "metadata",
    };

    /// <summary>
    /// What only Anthropic honours in a Messages body: untranslated top-level fields (<c>thinking</c> unless disabled,
    /// <c>top_k</c>, <c>service_tier</c>, …), <c>metadata</c> members other than <c>user_id</c>, <c>cache_control</c>
    /// anywhere in system, messages or tools, and <c>tool_choice.disable_parallel_tool_use</c>.
    /// </summary>
    private static void AddAnthropicOnly(JsonElement body, SortedSet<string> dropped)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        foreach (var field in body.EnumerateObject())
        {
            if (!TranslatedAnthropicFields.Contains(field.Name))
            {
                var disabledThinking = field.Name == "thinking" && field.Value.ValueKind == JsonValueKind.Object
                    && field.Value.TryGetProperty("type", out var type) && type.ValueEquals("disabled");
                if (!disabledThinking)
                {
                    dropped.Add(field.Name);
                }
            }
        }
        if (body.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in metadata.EnumerateObject().Where(m => m.Name != "user_id"))
            {
                dropped.Add("metadata." + member.Name);
            }
        }
        if (new[] { "system", "messages", "tools" }.Any(name => body.TryGetProperty(name, out var part) && HasMember(part, "cache_control")))
        {
            dropped.Add("cache_control");
        }
        if (body.TryGetProperty("tool_choice", out var choice) && choice.ValueKind == JsonValueKind.Object
            && choice.TryGetProperty("disable_parallel_tool_use", out _))
        {
            dropped.Add("tool_choice.disable_parallel_tool_use");
        }
    }

    private static bool HasMember(JsonElement element, string name) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any(p => p.Name == name || HasMember(p.Value, name)),
        JsonValueKind.Array => element.EnumerateArray().Any(e => HasMember(e, name)),
        _ => false,
    };

    /// <summary>
    /// <c>reasoning_effort</c> as a thinking-token budget, the mapping Google documents for Gemini's OpenAI-compatible
    /// API (https://ai.google.dev/gemini-api/docs/openai, checked 2026-12-07: low 1K, medium 8K, high 24K, none off);
    /// <c>minimal</c> takes the smallest budget Anthropic accepts (1024). Null for a value OpenAI does not define.
    /// </summary>
    public static int? ThinkingBudget(string? effort) => effort switch
    {
        "none" => 0,
        "minimal" or "low" => 1024,
        "medium" => 8192,
        "high" => 24576,
        _ => null,
    };

    /// <summary>
    /// Anthropic's <c>thinking.budget_tokens</c> for the request, or null when thinking stays off: no effort (or
    /// <c>none</c>), a forced tool choice (Anthropic refuses thinking with it), an earlier assistant tool call (Anthropic then
    /// wants that turn's thinking blocks back, which an OpenAI-shaped history does not carry), or an output cap that leaves less than
    /// Anthropic's minimum budget of 1024 below <c>max_tokens</c> (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking).
    /// </summary>
    public static int? AnthropicThinkingBudget(ChatCompletionRequest request)
    {
        var budget = ThinkingBudget(request.ReasoningEffort);
        if (budget is not > 0 || ForcesTool(request.ToolChoice) || request.Messages.Any(m => m.ToolCalls is { ValueKind: JsonValueKind.Array }))
        {
            return null;
        }
        var cap = request.OutputTokenLimit is { } limit ? Math.Min(budget.Value, limit - 1) : budget.Value;
        return cap >= 1024 ? cap : null;
    }

    private static bool ForcesTool(JsonElement? choice) => choice switch
    {
        { ValueKind: JsonValueKind.String } s => s.ValueEquals("required"),
        { ValueKind: JsonValueKind.Object } => true,
        _ => false,
    };
}
