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
