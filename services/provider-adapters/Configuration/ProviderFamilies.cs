namespace Dapr.AiProvider.ProviderAdapters.Configuration;

/// <summary>The wire families this service speaks.</summary>
internal static class ProviderFamilies
{
    public const string OpenAi = "openai";
    public const string HuggingFace = "huggingface";
    public const string GitHubModels = "github-models";
    public const string OpenAiCompatible = "openai-compatible";
    public const string Copilot = "copilot";
    public const string Anthropic = "anthropic";
    public const string Gemini = "gemini";
    public const string Tgi = "tgi";

    /// <summary>Every family; the list lives in Contracts, where quota checks the registry's settings against it.</summary>
    public static IReadOnlySet<string> All => Contracts.Providers.ProviderVocabulary.Families;

    /// <summary>Families whose wire format is OpenAI chat completions.</summary>
    public static bool IsOpenAiShaped(string family) =>
        family is OpenAi or HuggingFace or GitHubModels or OpenAiCompatible or Copilot;
}
