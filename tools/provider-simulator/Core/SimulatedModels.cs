namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>
/// The models each simulated provider lists. Chat endpoints accept any model name (so configs can
/// use real ids); the lists are what the catalog endpoints return.
/// </summary>
internal static class SimulatedModels
{
    public static IReadOnlyList<string> For(string provider) => provider switch
    {
        Providers.OpenAi => ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "o4-mini", "echo"],
        Providers.Anthropic => ["claude-3-5-haiku-latest", "claude-sonnet-4-5", "claude-opus-4-1"],
        Providers.Gemini => ["gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-2.5-pro"],
        Providers.HuggingFace => ["meta-llama/Llama-3.1-8B-Instruct", "deepseek-ai/DeepSeek-V3-0324", "Qwen/Qwen2.5-72B-Instruct"],
        Providers.GitHub => ["openai/gpt-4o-mini", "openai/gpt-4o", "meta/Llama-3.3-70B-Instruct", "deepseek/DeepSeek-R1"],
        Providers.OpenAiCompatible => ["llama3.2", "qwen2.5:7b", "mistral"],
        _ => ["tgi"],
    };

    public static string Owner(string provider, string model)
    {
        var slash = model.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? model[..slash] : provider switch
        {
            Providers.OpenAi => "system",
            Providers.OpenAiCompatible => "library",
            _ => provider,
        };
    }
}
