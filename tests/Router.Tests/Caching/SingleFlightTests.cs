using Dapr.AiProvider.Router.Caching;

namespace Dapr.AiProvider.Router.Tests.Caching;

public class SingleFlightTests
{
    [Fact]
    public async Task RunAsync_ConcurrentSameKey_RunsWorkOnceAndSharesResult()
    {
        var flights = new SingleFlight<string>();
        var gate = new TaskCompletionSource();
        var runs = 0;
        Task<string> Work(CancellationToken _)
        {
            Interlocked.Increment(ref runs);
            return gate.Task.ContinueWith(_ => "answer", TaskScheduler.Default);
        }

        var callers = Enumerable.Range(0, 10).Select(_ => flights.RunAsync("k", Work, default, default)).ToArray();
        await Task.Delay(50);
        gate.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.Equal(1, runs);
        Assert.All(results, r => Assert.Equal("answer", r.Value));
        Assert.Single(results, r => r.Leader);
        Assert.Equal(0, flights.InFlightCount);
    }

    [Fact]
    public async Task RunAsync_AfterCompletion_RunsAgain()
    {
        var flights = new SingleFlight<int>();
        var runs = 0;

        await flights.RunAsync("k", _ => Task.FromResult(Interlocked.Increment(ref runs)), default, default);
        await flights.RunAsync("k", _ => Task.FromResult(Interlocked.Increment(ref runs)), default, default);

        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task RunAsync_WaiterCancels_LeaderWorkStillCompletes()
    {
        var flights = new SingleFlight<string>();
        var gate = new TaskCompletionSource<string>();
        using var waiter = new CancellationTokenSource();

        var leader = flights.RunAsync("k", _ => gate.Task, default, default);
        var follower = flights.RunAsync("k", _ => gate.Task, default, waiter.Token);
        await waiter.CancelAsync();
        gate.SetResult("done");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => follower);
        Assert.Equal("done", (await leader).Value);
    }
}
