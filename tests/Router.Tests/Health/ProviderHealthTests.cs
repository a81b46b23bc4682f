using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Health;
using Dapr.AiProvider.Router.Routing;
using Dapr.AiProvider.Router.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Dapr.AiProvider.Router.Tests.Health;

public class ProviderHealthTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 28, 12, 0, 10, TimeSpan.Zero);

    [Fact]
    public void Merge_AddsCountsWithinTheMinute_AndRestartsThemInTheNext()
    {
        var first = ProviderHealthMerge.Merge(null, "openai", Seen(successes: 3), new Dictionary<string, double>(), CircuitStatus.Closed, Noon);
        var second = ProviderHealthMerge.Merge(first, "openai", Seen(successes: 2, failures: 1), new Dictionary<string, double>(), CircuitStatus.Closed, Noon.AddSeconds(5));
        var nextMinute = ProviderHealthMerge.Merge(second, "openai", Seen(successes: 1), new Dictionary<string, double>(), CircuitStatus.Closed, Noon.AddMinutes(1));

        Assert.Equal((5, 1), (second.Successes, second.Failures));
        Assert.Equal((1, 0), (nextMinute.Successes, nextMinute.Failures));
        Assert.Equal("rate_limited", nextMinute.LastError); // the latest failure is remembered beyond its minute
        Assert.Equal(ProviderHealthStatus.Healthy, second.Status);
    }

    [Theory]
    [InlineData(nameof(CircuitStatus.Open), 10, 0, ProviderHealthStatus.Down)]
    [InlineData(nameof(CircuitStatus.HalfOpen), 10, 0, ProviderHealthStatus.Degraded)]
    [InlineData(nameof(CircuitStatus.Closed), 2, 2, ProviderHealthStatus.Degraded)]
    [InlineData(nameof(CircuitStatus.Closed), 3, 2, ProviderHealthStatus.Healthy)]
    public void Status_FollowsTheCircuitThenTheOutcomes(string circuit, long successes, long failures, string expected) =>
        Assert.Equal(expected, ProviderHealthMerge.Status(Enum.Parse<CircuitStatus>(circuit), successes, failures, Noon, Noon));

    [Fact]
    public void Status_WithoutAnyTraffic_IsUnknown() =>
        Assert.Equal(ProviderHealthStatus.Unknown, ProviderHealthMerge.Status(CircuitStatus.Closed, 0, 0, null, null));

    [Fact]
    public async Task TwoReplicas_AddUpInOneRecord_AndShareLatency()
    {
        var store = new InMemoryProviderHealthStore();
        var (trackerA, latencyA, syncA) = Replica(store);
        var (trackerB, latencyB, syncB) = Replica(store);
        trackerA.Success("openai", Noon);
        trackerA.Success("openai", Noon);
        latencyA.Record("openai/gpt-4o", 400);
        trackerB.Failure("openai", ErrorClass.UpstreamError, Noon.AddSeconds(1));

        await syncA.SyncAsync(default);
        await syncB.SyncAsync(default);

        var record = store["openai"]!;
        Assert.Equal((2, 1), (record.Successes, record.Failures));
        Assert.Equal("upstream_error", record.LastError);
        Assert.Equal(400, latencyB.Get("openai/gpt-4o")); // B never called it: the shared average seeds its latency strategy
        Assert.Equal(ProviderHealthStatus.Healthy, trackerB.Shared["openai"].Status);
    }

    [Fact]
    public async Task StoreDown_KeepsTheObservationsForTheNextRound()
    {
        var store = new InMemoryProviderHealthStore { Unavailable = true };
        var (tracker, _, sync) = Replica(store);
        tracker.Failure("openai", ErrorClass.Timeout, Noon);

        await Assert.ThrowsAsync<InvalidOperationException>(() => sync.SyncAsync(default));
        store.Unavailable = false;
        await sync.SyncAsync(default);

        Assert.Equal(1, store["openai"]!.Failures);
    }

    private static ProviderHealthTracker.Observations Seen(long successes = 0, long failures = 0)
    {
        var seen = new ProviderHealthTracker.Observations();
        for (var i = 0; i < successes; i++)
        {
            seen.Success(Noon);
        }
        for (var i = 0; i < failures; i++)
        {
            seen.Failure(Noon, "rate_limited");
        }
        return seen;
    }

    private static (ProviderHealthTracker Tracker, LatencyTracker Latency, ProviderHealthSync Sync) Replica(InMemoryProviderHealthStore store)
    {
        var harness = new Harness(time: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Noon));
        var tracker = new ProviderHealthTracker();
        var catalog = new CatalogStore(new FakeBackend(), harness.Time, NullLogger<CatalogStore>.Instance);
        var sync = new ProviderHealthSync(tracker, store, harness.Latency, harness.Circuits, catalog, MsOptions.Create(harness.Options), harness.Time,
            NullLogger<ProviderHealthSync>.Instance);
        return (tracker, harness.Latency, sync);
    }
}
