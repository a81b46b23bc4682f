using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Tests.Fakes;

namespace Dapr.AiProvider.Router.Tests.Circuits;

public class CircuitBreakerTests
{
    private static readonly AdapterError Overloaded = new() { Class = ErrorClass.Overloaded, Message = "529" };

    private static async Task FailAsync(Harness harness, string provider, string model, AdapterError error, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True(harness.Circuits.TryEnter(provider, model, out var permit));
            await harness.Circuits.OnFailureAsync(permit, error, default);
        }
    }

    [Fact]
    public async Task OnFailure_ThresholdReached_OpensAndStoresState()
    {
        var harness = new Harness();

        await FailAsync(harness, "openai", "gpt-4o", Overloaded, 2);
        Assert.True(harness.Circuits.TryEnter("openai", "gpt-4o", out _));
        await FailAsync(harness, "openai", "gpt-4o", Overloaded, 1);

        var stored = harness.Store.Peek("circuit:openai");
        Assert.Equal(CircuitStatus.Open, stored?.State);
        Assert.Equal(3, stored!.Failures);
        Assert.Equal(harness.Time.GetUtcNow().AddSeconds(30), stored.NextRetryAt);
        Assert.False(harness.Circuits.TryEnter("openai", "gpt-4o", out _));
    }

    [Fact]
    public async Task HalfOpen_AfterCoolDown_AllowsOneProbeThenClosesOnSuccess()
    {
        var harness = new Harness();
        await FailAsync(harness, "openai", "gpt-4o", Overloaded, 3);

        harness.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(harness.Circuits.TryEnter("openai", "gpt-4o", out var probe));
        Assert.NotNull(probe.ProbeKey);
        Assert.False(harness.Circuits.TryEnter("openai", "gpt-4o", out _));
        await harness.Circuits.OnSuccessAsync(probe, default);

        Assert.Equal(CircuitStatus.Closed, harness.Store.Peek("circuit:openai")?.State);
        Assert.True(harness.Circuits.TryEnter("openai", "gpt-4o", out var normal));
        Assert.Null(normal.ProbeKey);
    }

    [Fact]
    public async Task HalfOpen_ProbeFails_ReopensForAnotherCoolDown()
    {
        var harness = new Harness();
        await FailAsync(harness, "openai", "gpt-4o", Overloaded, 3);
        harness.Time.Advance(TimeSpan.FromSeconds(31));

        await FailAsync(harness, "openai", "gpt-4o", Overloaded, 1);

        var stored = harness.Store.Peek("circuit:openai");
        Assert.Equal(CircuitStatus.Open, stored?.State);
        Assert.Equal(harness.Time.GetUtcNow().AddSeconds(30), stored!.NextRetryAt);
        Assert.False(harness.Circuits.TryEnter("openai", "gpt-4o", out _));
    }

    [Fact]
    public async Task OnFailure_RetryAtBeyondCoolDown_KeepsOpenUntilRetryAt()
    {
        var harness = new Harness(o => o.Circuit.FailureThreshold = 1);
        var retryAt = harness.Time.GetUtcNow().AddMinutes(10);

        await FailAsync(harness, "openai", "gpt-4o", Overloaded with { RetryAt = retryAt }, 1);
        harness.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.False(harness.Circuits.TryEnter("openai", "gpt-4o", out _));
        Assert.Equal(retryAt, harness.Store.Peek("circuit:openai")?.NextRetryAt);
    }

    [Fact]
    public async Task OnFailure_PerModelSignal_OpensOnlyThatModel()
    {
        var harness = new Harness(o => o.Circuit.FailureThreshold = 1);

        await FailAsync(harness, "openai", "gpt-4o", Overloaded with { PerModel = true }, 1);

        Assert.Equal(CircuitStatus.Open, harness.Store.Peek("circuit:openai:gpt-4o")?.State);
        Assert.Null(harness.Store.Peek("circuit:openai"));
        Assert.True(harness.Circuits.TryEnter("openai", "gpt-4o-mini", out _));
        Assert.False(harness.Circuits.TryEnter("openai", "gpt-4o", out _));
    }

    [Fact]
    public async Task OnFailure_NonHealthClass_DoesNotCount()
    {
        var harness = new Harness(o => o.Circuit.FailureThreshold = 1);

        await FailAsync(harness, "openai", "gpt-4o", new AdapterError { Class = ErrorClass.RateLimited }, 3);

        Assert.Null(harness.Store.Peek("circuit:openai"));
    }

    [Fact]
    public async Task SharedStore_SecondReplica_SeesOpenCircuitAfterRefresh()
    {
        var store = new InMemoryCircuitStore();
        var first = new Harness(store: store);
        var second = new Harness(store: store, time: first.Time);

        await FailAsync(first, "anthropic", "claude-haiku", Overloaded, 3);
        Assert.True(second.Circuits.TryEnter("anthropic", "claude-haiku", out _));
        await second.Circuits.RefreshAsync(["circuit:anthropic"], default);

        Assert.False(second.Circuits.TryEnter("anthropic", "claude-haiku", out _));
    }

    [Fact]
    public async Task ConcurrentFailures_FromTwoReplicas_AreAllCountedThroughETags()
    {
        var store = new InMemoryCircuitStore();
        var first = new Harness(o => o.Circuit.FailureThreshold = 100, store);
        var second = new Harness(o => o.Circuit.FailureThreshold = 100, store, first.Time);

        await Task.WhenAll(
            Task.Run(() => FailAsync(first, "openai", "gpt-4o", Overloaded, 20)),
            Task.Run(() => FailAsync(second, "openai", "gpt-4o", Overloaded, 20)));

        Assert.Equal(40, store.Peek("circuit:openai")?.Failures);
    }

    [Fact]
    public async Task StoreUnavailable_LocalViewStillOpens()
    {
        var harness = new Harness();
        harness.Store.Unavailable = true;

        await FailAsync(harness, "openai", "gpt-4o", Overloaded, 3);

        Assert.False(harness.Circuits.TryEnter("openai", "gpt-4o", out _));
    }
}
