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

    public static readonly IReadOnlyList<string> All = [OpenAi, Anthropic, Gemini, HuggingFace, Tgi, GitHub, OpenAiCompatible];

    public static bool IsKnown(string name) => name == "*" || All.Contains(name, StringComparer.OrdinalIgnoreCase);
}
