namespace Dapr.AiProvider.ProviderAdapters.Configuration;

/// <summary>The ways providers name their rate-limit headers (see <c>Adapters/LimitHeaders.cs</c>).</summary>
internal static class RateLimitDialects
{
    /// <summary>OpenAI, Mistral: <c>x-ratelimit-{limit,remaining,reset}-{requests,tokens}</c>, both per minute.</summary>
    public const string OpenAi = "openai";
    /// <summary>Groq: the same names, but <c>-requests</c> counts the day (RPD) and <c>-tokens</c> the minute (TPM).</summary>
    public const string Groq = "groq";
    /// <summary>Cerebras: <c>x-ratelimit-{limit,remaining,reset}-requests-day</c> and <c>…-tokens-minute</c>, resets in seconds.</summary>
    public const string Cerebras = "cerebras";
    /// <summary>No usable headers (Gemini sends none; Cloudflare's are not per account).</summary>
    public const string None = "none";

    /// <summary>Every dialect; the list lives in Contracts, where quota checks the registry's settings against it.</summary>
    public static IReadOnlySet<string> All => Contracts.Providers.ProviderVocabulary.RateLimitDialects;
}
