using System.Collections.Concurrent;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>
/// Coalesces identical concurrent streamed misses: the first request streams from the provider (the
/// leader); the others wait for its finished answer and get it replayed like a cache hit. When the
/// leader fails or its answer cannot be cached, they go to the providers themselves. The leader must
/// always <see cref="Finish"/> its flight.
/// </summary>
internal sealed class StreamFlights
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CachedCompletion?>> _inFlight = new(StringComparer.Ordinal);

    public int InFlightCount => _inFlight.Count;

    /// <summary>True when this caller leads (and must finish <paramref name="flight"/>); false to follow it.</summary>
    public bool TryLead(string key, out TaskCompletionSource<CachedCompletion?> flight)
    {
        var mine = new TaskCompletionSource<CachedCompletion?>(TaskCreationOptions.RunContinuationsAsynchronously);
        flight = _inFlight.GetOrAdd(key, mine);
        return ReferenceEquals(flight, mine);
    }

    /// <summary>Ends a flight with the leader's answer (null = followers go on their own).</summary>
    public void Finish(string key, TaskCompletionSource<CachedCompletion?> flight, CachedCompletion? answer)
    {
        _inFlight.TryRemove(new KeyValuePair<string, TaskCompletionSource<CachedCompletion?>>(key, flight));
        flight.TrySetResult(answer);
    }
}
