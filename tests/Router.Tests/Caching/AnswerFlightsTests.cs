using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Caching;
using Microsoft.Extensions.Time.Testing;

namespace Dapr.AiProvider.Router.Tests.Caching;

public class AnswerFlightsTests
{
    private static readonly CachedCompletion Answer = new() { Completion = new ChatCompletionResponse { Id = "chatcmpl-1" }, Provider = "p", Model = "m" };

    [Fact]
    public async Task TryLead_SameKey_OneLeaderAndFollowersGetItsAnswer()
    {
        var flights = new AnswerFlights<CachedCompletion>();
        var time = new FakeTimeProvider();

        Assert.True(flights.TryLead("k", out var leader));
        Assert.False(flights.TryLead("k", out var followed));
        var waiting = followed.WaitAsync(TimeSpan.FromSeconds(30), time, default);
        leader.Finish(Answer);

        Assert.Same(leader, followed);
        Assert.Same(Answer, await waiting);
        Assert.Equal(0, flights.InFlightCount);
    }

    [Fact]
    public async Task Finish_WithoutAnswer_FollowersGoOnTheirOwn()
    {
        var flights = new AnswerFlights<CachedCompletion>();
        flights.TryLead("k", out var leader);
        flights.TryLead("k", out var followed);
        var waiting = followed.WaitAsync(TimeSpan.FromSeconds(30), new FakeTimeProvider(), default);

        leader.Finish(null);

        Assert.Null(await waiting);
        Assert.True(flights.TryLead("k", out _)); // the next request leads a new flight
    }

    [Fact]
    public async Task WaitAsync_LeaderSlowerThanDeadline_ReturnsNullWhenTheFakeClockPassesIt()
    {
        var flights = new AnswerFlights<CachedCompletion>();
        var time = new FakeTimeProvider();
        flights.TryLead("k", out _);
        flights.TryLead("k", out var followed);

        var waiting = followed.WaitAsync(TimeSpan.FromSeconds(30), time, default);
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(31));

        Assert.Null(await waiting);
    }

    [Fact]
    public void Finish_Twice_IsHarmlessAndKeepsANewerFlight()
    {
        var flights = new AnswerFlights<CachedCompletion>();
        flights.TryLead("k", out var first);
        first.Finish(null);
        flights.TryLead("k", out var second);

        first.Finish(Answer);

        Assert.Equal(1, flights.InFlightCount);
        Assert.False(flights.TryLead("k", out var current));
        Assert.Same(second, current);
    }
}
