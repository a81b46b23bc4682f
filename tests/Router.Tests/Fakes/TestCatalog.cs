using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.Router.Tests.Fakes;

/// <summary>A small catalog: a free model, two paid ones with different prices, and an alias served twice.</summary>
internal static class TestCatalog
{
    public static CatalogModel Model(string provider, string model, bool free = false, long input = 1_000_000, long output = 2_000_000,
        int context = 128_000, int quality = 5, string[]? capabilities = null, string[]? aliases = null) => new()
    {
        Id = $"{provider}/{model}",
        Provider = provider,
        // The wire family as provider-adapters names it: its own name for anthropic and gemini, OpenAI-shaped otherwise.
        Family = provider is "anthropic" or "gemini" ? provider : "openai",
        Model = model,
        FreeTier = free,
        ContextWindow = context,
        MaxOutputTokens = 4096,
        Quality = quality,
        Capabilities = capabilities ?? ["chat", "stream", "tools", "json"],
        Aliases = aliases ?? [],
        Price = new ModelPrice { InputPerMTokMicros = input, OutputPerMTokMicros = output },
    };

    public static ModelCatalog Default() => new()
    {
        Version = "test-1",
        Models =
        [
            Model("github", "gpt-4o-mini", free: true, input: 0, output: 0, context: 8_000, quality: 6, aliases: ["gpt-4o-mini"]),
            Model("openai", "gpt-4o-mini", input: 150_000, output: 600_000, quality: 6, aliases: ["gpt-4o-mini"]),
            Model("openai", "gpt-4o", input: 2_500_000, output: 10_000_000, quality: 9),
            Model("anthropic", "claude-haiku", input: 800_000, output: 4_000_000, quality: 7, capabilities: ["chat", "stream", "code"]),
        ],
    };
}
