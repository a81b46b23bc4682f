namespace Dapr.AiProvider.Chaos.Tests;

/// <summary>
/// The requests in flight when the router is SIGTERMed: two streamed and one not, each slowed by the simulator's
/// <c>slow_drip</c> fault (2 tokens/s: about 1.5 s for the 3 tokens asked, so they end before the next fault even in the 20 s run) and sent half a second before the signal, so the
/// signal lands mid-answer. A graceful stop must let them finish with a full 200 and publish their usage.
/// </summary>
internal sealed class InFlightAtStop(LoadClient client)
{
    public const int Count = 3;

    /// <summary>Time for the requests to reach the router before the signal (each lasts several seconds).</summary>
    private static readonly TimeSpan Lead = TimeSpan.FromMilliseconds(500);

    private Task<LoadOutcome[]>? _requests;

    /// <summary>The requests' outcomes, once the run's load has ended (they are part of it).</summary>
    public Task<LoadOutcome[]> Outcomes => _requests ?? Task.FromResult(Array.Empty<LoadOutcome>());

    public async Task StartAsync()
    {
        _requests = Task.WhenAll(Enumerable.Range(0, Count).Select(i =>
            Task.Run(() => client.SendAsync(1_000_000 + i, stream: i < 2, " [[sim:fault=slow_drip]]", maxTokens: 3))));
        await Task.Delay(Lead);
    }
}
