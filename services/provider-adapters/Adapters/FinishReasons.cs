namespace Dapr.AiProvider.ProviderAdapters.Adapters;

/// <summary>OpenAI finish reasons and the mapping from other families'.</summary>
internal static class FinishReasons
{
    public const string Stop = "stop";
    public const string Length = "length";
    public const string ToolCalls = "tool_calls";
    public const string ContentFilter = "content_filter";

    public static string FromAnthropic(string? stopReason) => stopReason switch
    {
        "max_tokens" => Length,
        "tool_use" => ToolCalls,
        "refusal" => ContentFilter,
        _ => Stop,
    };

    public static string FromGemini(string? finishReason, bool hasToolCalls) => finishReason switch
    {
        "MAX_TOKENS" => Length,
        "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" => ContentFilter,
        _ when hasToolCalls => ToolCalls,
        _ => Stop,
    };

    public static string FromTgi(string? finishReason) => finishReason switch
    {
        "length" => Length,
        _ => Stop,
    };
}
