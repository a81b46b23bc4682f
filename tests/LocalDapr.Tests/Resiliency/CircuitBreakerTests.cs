using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;
using Microsoft.Extensions.Time.Testing;

namespace Dapr.AiProvider.LocalDapr.Tests.Resiliency;

public sealed class CircuitBreakerTests
{
    private readonly FakeTimeProvider _time = new();

    private CircuitBreaker Breaker(string trip = "consecutiveFailures >= 2", uint maxRequests = 1, int intervalSeconds = 0) =>
        new(new BreakerSpec
        {
            MaxRequests = maxRequests,
            Timeout = TimeSpan.FromSeconds(10),
            Interval = TimeSpan.FromSeconds(intervalSeconds),
            Trip = TripExpression.Parse(trip),
        }, _time);

    private static void Fail(CircuitBreaker breaker)
    {
        Assert.True(breaker.TryEnter(out var generation, out _));
        breaker.Exit(generation, success: false);
    }

    [Fact]
    public void Exit_FailuresReachTrip_Opens()
    {
        var breaker = Breaker();
        Fail(breaker);
        Assert.Equal(BreakerState.Closed, breaker.State);

        Fail(breaker);

        Assert.Equal(BreakerState.Open, breaker.State);
        Assert.False(breaker.TryEnter(out _, out var rejection));
        Assert.Equal("circuit breaker is open", rejection);
    }

    [Fact]
    public void State_AfterTimeout_IsHalfOpenAndAdmitsMaxRequests()
    {
        var breaker = Breaker(maxRequests: 1);
        Fail(breaker);
        Fail(breaker);

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(BreakerState.HalfOpen, breaker.State);
        Assert.True(breaker.TryEnter(out var generation, out _));
        Assert.False(breaker.TryEnter(out _, out var rejection));
        Assert.Equal("too many requests", rejection);
        breaker.Exit(generation, success: true);
        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public void Exit_FailureWhileHalfOpen_ReopensForAnotherTimeout()
    {
        var breaker = Breaker();
        Fail(breaker);
        Fail(breaker);
        _time.Advance(TimeSpan.FromSeconds(10));

        Fail(breaker);

        Assert.Equal(BreakerState.Open, breaker.State);
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(BreakerState.Open, breaker.State);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(BreakerState.HalfOpen, breaker.State);
    }

    [Fact]
    public void Exit_SuccessBetweenFailures_ResetsConsecutiveCount()
    {
        var breaker = Breaker();
        Fail(breaker);
        Assert.True(breaker.TryEnter(out var generation, out _));
        breaker.Exit(generation, success: true);

        Fail(breaker);

        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public void State_IntervalElapsed_ClearsClosedCounts()
    {
        var breaker = Breaker(trip: "totalFailures >= 2", intervalSeconds: 5);
        Fail(breaker);

        _time.Advance(TimeSpan.FromSeconds(5));
        Fail(breaker);

        Assert.Equal(BreakerState.Closed, breaker.State);
        Fail(breaker);
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public void Exit_ResultFromEarlierGeneration_IsIgnored()
    {
        var breaker = Breaker();
        Assert.True(breaker.TryEnter(out var stale, out _));
        Fail(breaker);
        Fail(breaker);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(BreakerState.HalfOpen, breaker.State);

        breaker.Exit(stale, success: false);

        Assert.Equal(BreakerState.HalfOpen, breaker.State);
    }
}
