namespace Dapr.AiProvider.Router.Configuration;

/// <summary>How the routing engine orders the candidates that survived filtering.</summary>
internal enum RoutingStrategy
{
    /// <summary>Free tier first, then cheapest estimated cost.</summary>
    Cost,
    /// <summary>Lowest observed latency (EWMA per provider/model).</summary>
    Latency,
    /// <summary>Highest catalog quality rank.</summary>
    Quality,
    /// <summary>Weighted random order by per-provider weights.</summary>
    Weighted,
    /// <summary>Fewest requests in flight on this replica.</summary>
    LeastBusy,
}
