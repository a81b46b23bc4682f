namespace Dapr.AiProvider.Chaos.Tests;

/// <summary>
/// Requests outside the measured load (warm-up, recovery probes): they are answered and land in the ledger
/// like any other, so their ids are kept to leave them out of the run's ledger comparison.
/// </summary>
internal sealed class ProbeRequests(LoadClient client)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private int _next;

    public IReadOnlySet<string> Ids
    {
        get
        {
            lock (_gate)
            {
                return _ids.ToHashSet(StringComparer.Ordinal);
            }
        }
    }

    /// <summary>One non-streamed request; true when it got a full 200.</summary>
    public async Task<bool> FullAnswerAsync()
    {
        var outcome = await client.SendAsync(-1 - Interlocked.Increment(ref _next), stream: false);
        if (outcome.RequestId is { } id)
        {
            lock (_gate)
            {
                _ids.Add(id);
            }
        }

        return outcome.Ok;
    }

    /// <summary>
    /// Until a request gets a full 200: the router reports ready before its model catalog is loaded (its first
    /// refresh may reach provider-adapters before that is ready).
    /// </summary>
    public async Task UntilFullAnswerAsync(TimeSpan timeout)
    {
        var deadline = client.Now + timeout;
        while (!await FullAnswerAsync())
        {
            if (client.Now > deadline)
            {
                throw new TimeoutException($"the stack gave no full 200 within {timeout.TotalSeconds} s of being ready");
            }

            await Task.Delay(500);
        }
    }
}
