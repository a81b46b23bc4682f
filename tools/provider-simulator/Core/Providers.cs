namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>Provider names used in paths, the control API and the request log.</summary>
internal static class Providers
{
    public const string OpenAi = "openai";
    public const string Anthropic = "anthropic";
    public const string Gemini = "gemini";
    public const string HuggingFace = "huggingface";
    public const string Tgi = "tgi";
    public const string GitHub = "github";
    public const string OpenAiCompatible = "openai-compatible";
    public const string Groq = "groq";
    public const string Cerebras = "cerebras";
    public const string Mistral = "mistral";
    public const string OpenRouter = "openrouter";
    public const string Cloudflare = "cloudflare";

    public static readonly IReadOnlyList<string> All =
        [OpenAi, Anthropic, Gemini, HuggingFace, Tgi, GitHub, OpenAiCompatible, Groq, Cerebras, Mistral, OpenRouter, Cloudflare];

    public static bool IsKnown(string name) => name == "*" || All.Contains(name, StringComparer.OrdinalIgnoreCase);
}
