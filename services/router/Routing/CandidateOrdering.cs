using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Routing;

/// <summary>Orders candidates in place for a strategy. Ties always fall back to free-first, cheapest, id.</summary>
internal sealed class CandidateOrdering(
    IOptions<RouterOptions> options, LatencyTracker latency, InFlightTracker inFlight, Random random, ProviderWindowGuard windows)
{
    public void Order(List<Candidate> candidates, RoutingStrategy strategy)
    {
        switch (strategy)
        {
            case RoutingStrategy.Latency:
                candidates.Sort((a, b) => Compare(latency.Get(a.Id) ?? 0, latency.Get(b.Id) ?? 0, a, b));
                break;
            case RoutingStrategy.Quality:
                candidates.Sort((a, b) => Compare(-a.Model.Quality, -b.Model.Quality, a, b));
                break;
            case RoutingStrategy.LeastBusy:
                candidates.Sort((a, b) => Compare(inFlight.Get(a.Id), inFlight.Get(b.Id), a, b));
                break;
            case RoutingStrategy.Weighted:
                OrderWeighted(candidates);
                break;
            default:
                SortFreeByHeadroom(candidates);
                break;
        }
    }

    /// <summary>
    /// The cost strategy (the default): free tiers first, the free candidates ordered by the share of their tightest
    /// window left (so load spreads over every free tier instead of draining one), then paid ones by estimated cost.
    /// </summary>
    private void SortFreeByHeadroom(List<Candidate> candidates)
    {
        var headroom = new Dictionary<Candidate, double>(candidates.Count, ReferenceEqualityComparer.Instance);
        foreach (var candidate in candidates)
        {
            if (candidate.Model.FreeTier)
            {
                // Rounded to a tenth: nearly equal headrooms tie, and the tie keeps the cost-first order.
                headroom[candidate] = Math.Round(windows.Headroom(candidate.Model), 1);
            }
        }
        candidates.Sort((a, b) =>
            a.Model.FreeTier && b.Model.FreeTier && headroom[b].CompareTo(headroom[a]) is var spread and not 0 ? spread : CostFirst(a, b));
    }

    /// <summary>Free tier first, then lowest estimated cost, then higher quality, then id.</summary>
    public static int CostFirst(Candidate a, Candidate b)
    {
        var free = b.Model.FreeTier.CompareTo(a.Model.FreeTier);
        if (free != 0)
        {
            return free;
        }
        var cost = a.EstimatedCostMicros.CompareTo(b.EstimatedCostMicros);
        if (cost != 0)
        {
            return cost;
        }
        var quality = b.Model.Quality.CompareTo(a.Model.Quality);
        return quality != 0 ? quality : string.CompareOrdinal(a.Id, b.Id);
    }

    private static int Compare(double primaryA, double primaryB, Candidate a, Candidate b)
    {
        var primary = primaryA.CompareTo(primaryB);
        return primary != 0 ? primary : CostFirst(a, b);
    }

    /// <summary>Weighted random order without replacement (Efraimidis–Spirakis keys u^(1/w)).</summary>
    private void OrderWeighted(List<Candidate> candidates)
    {
        var weights = options.Value.ProviderWeights;
        var keyed = new List<(double Key, Candidate Candidate)>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var weight = weights.TryGetValue(candidate.Provider, out var w) ? w : 1d;
            keyed.Add((Math.Pow(random.NextDouble(), 1d / weight), candidate));
        }
        keyed.Sort((x, y) => y.Key.CompareTo(x.Key));
        candidates.Clear();
        foreach (var (_, candidate) in keyed)
        {
            candidates.Add(candidate);
        }
    }
}
