namespace Dapr.AiProvider.ProviderSimulator.Limits;

/// <summary>
/// Free-tier enforcement (section <c>Simulator:FreeTiers</c>). Off by default, so tests and benchmarks that send bursts
/// are not refused; <c>./run.sh</c> turns it on (<c>--Simulator:FreeTiers:Enforce=true</c>). <see cref="Limits"/>
/// replaces the published figure of the same provider and model, or adds one.
/// </summary>
public sealed class FreeTierOptions
{
    public bool Enforce { get; set; }

    public List<FreeTierLimit> Limits { get; set; } = [];

    /// <summary>Replace or add to the published <see cref="PublishedFreeTiers.Prices"/> (same provider and model).</summary>
    public List<CreditPrice> Prices { get; set; } = [];

    /// <summary>The price an answer of <paramref name="model"/> is charged at against credits, or null when it has none.</summary>
    public CreditPrice? PriceOf(string provider, string model)
    {
        CreditPrice? found = null;
        foreach (var price in PublishedFreeTiers.Prices.Concat(Prices))
        {
            if (string.Equals(price.Provider, provider, StringComparison.OrdinalIgnoreCase)
                && (price.Model == model || (price.Model == "*" && found?.Model != model)))
            {
                found = price;
            }
        }
        return found;
    }

    /// <summary>The windows in force: the published figures with the configured ones in their place.</summary>
    public IReadOnlyList<FreeTierLimit> Effective()
    {
        var byKey = new Dictionary<(string, string), FreeTierLimit>();
        foreach (var limit in PublishedFreeTiers.All.Concat(Limits))
        {
            byKey[(limit.Provider.ToLowerInvariant(), limit.Model)] = limit;
        }
        return [.. byKey.Values.OrderBy(l => l.Provider, StringComparer.Ordinal).ThenBy(l => l.Model, StringComparer.Ordinal)];
    }
}
