namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>
/// The models each simulated provider lists. Chat endpoints accept any model name (so configs can
/// use real ids); the lists are what the catalog endpoints return.
/// </summary>
internal static class SimulatedModels
{
    public static IReadOnlyList<string> For(string provider) => provider switch
    {
        Providers.OpenAi => ["gpt-6-luna", "gpt-6-sol", "gpt-4o-mini", "gpt-4o", "echo", "text-embedding-3-small", "text-embedding-3-large"],
        Providers.Anthropic => ["claude-haiku-5-5", "claude-sonnet-5-5", "claude-opus-5-5"],
        Providers.Gemini => ["gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-2.5-pro", "gemini-embedding-001"],
        Providers.HuggingFace => ["meta-llama/Llama-3.1-8B-Instruct", "deepseek-ai/DeepSeek-V3-0324", "Qwen/Qwen2.5-72B-Instruct"],
        Providers.GitHub => ["openai/gpt-4o-mini", "openai/gpt-4o", "meta/Llama-3.3-70B-Instruct", "deepseek/DeepSeek-R1"],
        Providers.OpenAiCompatible => ["llama3.1", "llama3.2", "qwen2.5:7b", "mistral"],
        Providers.Groq => ["llama-3.1-8b-instant", "llama-3.3-70b-versatile", "openai/gpt-oss-120b"],
        Providers.Cerebras => ["gpt-oss-120b"],
        Providers.Mistral => ["mistral-small-latest", "mistral-medium-latest", "mistral-embed"],
        Providers.OpenRouter => ["meta-llama/llama-3.2-3b-instruct:free", "openai/gpt-oss-20b:free"],
        Providers.Cloudflare => ["@cf/meta/llama-3.1-8b-instruct", "@cf/openai/gpt-oss-120b", "@cf/baai/bge-base-en-v1.5"],
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
