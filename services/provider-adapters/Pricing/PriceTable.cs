using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.ProviderAdapters.Pricing;

/// <summary>An immutable, versioned price table: micro-dollars per 1M tokens, keyed <c>{provider}/{model}</c>.</summary>
internal sealed record PriceTable(string Version, IReadOnlyDictionary<string, ModelPrice> Prices)
{
    public ModelPrice? Find(string provider, string model) =>
        Prices.TryGetValue(provider + "/" + model, out var price) ? price : null;
}
