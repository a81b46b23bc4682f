using System.Collections.Concurrent;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>
/// Coalesces identical concurrent cache misses of one kind of answer, streamed or not: the first request calls a provider (the
/// leader); the others wait for its finished answer and are served it like a cache hit. When the leader
/// fails or its answer cannot be cached, they go to the providers themselves. A leader must always
/// <see cref="AnswerFlight.Finish"/> its flight.
/// </summary>
internal sealed class AnswerFlights<TAnswer>
    where TAnswer : CachedAnswer
{
    private readonly ConcurrentDictionary<string, AnswerFlight> _inFlight = new(StringComparer.Ordinal);

    public int InFlightCount => _inFlight.Count;

    /// <summary>True when this caller leads (and must finish <paramref name="flight"/>); false to follow it.</summary>
    public bool TryLead(string key, out AnswerFlight flight)
    {
        var mine = new AnswerFlight(this, key);
        flight = _inFlight.GetOrAdd(key, mine);
        return ReferenceEquals(flight, mine);
    }

    private void Remove(AnswerFlight flight) => _inFlight.TryRemove(new KeyValuePair<string, AnswerFlight>(flight.Key, flight));

    /// <summary>One leader's call, awaited by its followers.</summary>
    internal sealed class AnswerFlight(AnswerFlights<TAnswer> owner, string key)
    {
        private readonly TaskCompletionSource<TAnswer?> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Key { get; } = key;

        /// <summary>Ends the flight with the leader's answer (null = followers go on their own). Idempotent.</summary>
        public void Finish(TAnswer? answer)
        {
            owner.Remove(this);
            _answer.TrySetResult(answer);
        }

        /// <summary>The leader's answer, or null when it had none or did not finish within <paramref name="deadline"/>.</summary>
        public async Task<TAnswer?> WaitAsync(TimeSpan deadline, TimeProvider time, CancellationToken cancellationToken)
        {
            try
            {
                return await _answer.Task.WaitAsync(deadline, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                return null;
            }
        }
    }
}
