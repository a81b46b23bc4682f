using System.Collections.Concurrent;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>
/// Coalesces identical concurrent work: the first caller for a key runs it, later callers await the
/// same task. The work runs on its own token (one caller leaving does not cancel the others); each
/// waiter stops waiting on its own token.
/// </summary>
internal sealed class SingleFlight<T>
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _inFlight = new(StringComparer.Ordinal);

    public int InFlightCount => _inFlight.Count;

    /// <summary>Runs or joins the work for <paramref name="key"/>; <c>Leader</c> says whether this caller ran it.</summary>
    public async Task<(T Value, bool Leader)> RunAsync(string key, Func<CancellationToken, Task<T>> work, CancellationToken workToken, CancellationToken waitToken)
    {
        var mine = new Lazy<Task<T>>(() => RunAndForgetAsync(key, work, workToken), LazyThreadSafetyMode.ExecutionAndPublication);
        var entry = _inFlight.GetOrAdd(key, mine);
        var value = await entry.Value.WaitAsync(waitToken);
        return (value, ReferenceEquals(entry, mine));
    }

    private async Task<T> RunAndForgetAsync(string key, Func<CancellationToken, Task<T>> work, CancellationToken token)
    {
        try
        {
            await Task.Yield();
            return await work(token);
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }
}
