using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Routing;
using Dapr.AiProvider.Router.Tests.Fakes;

namespace Dapr.AiProvider.Router.Tests.Failover;

public class FailoverExecutorTests
{
    private sealed record Answer(string ModelId);

    /// <summary>Runs the auto route with a script: model id → failure class (absent = success).</summary>
    private static async Task<(FailoverResult<Answer> Result, List<string> Tried)> RunAsync(
        Harness harness, IReadOnlyDictionary<string, ErrorClass> failures, DateTimeOffset? retryAt = null)
    {
        var tried = new List<string>();
        var plan = harness.Plan(new RouteQuery());
        var result = await harness.Failover.ExecuteAsync(plan, (candidate, _) =>
        {
            tried.Add(candidate.Id);
            return Task.FromResult(failures.TryGetValue(candidate.Id, out var failure)
                ? AttemptOutcome<Answer>.Failure(new AdapterError { Class = failure, Message = "scripted", RetryAt = retryAt })
                : AttemptOutcome<Answer>.Success(new Answer(candidate.Id)));
        }, default);
        return (result, tried);
    }

    [Theory]
    [InlineData(ErrorClass.InvalidRequest)]
    [InlineData(ErrorClass.ContentFiltered)]
    public async Task Execute_StopClass_AnswersCallerWithoutFailover(ErrorClass errorClass)
    {
        var (result, tried) = await RunAsync(new Harness(), new Dictionary<string, ErrorClass> { ["github/gpt-4o-mini"] = errorClass });

        Assert.Single(tried);
        Assert.Equal(400, Assert.IsType<FailoverResult<Answer>.Lost>(result).Error.Status);
    }

    [Theory]
    [InlineData(ErrorClass.RateLimited)]
    [InlineData(ErrorClass.QuotaExhausted)]
    [InlineData(ErrorClass.KeyInvalid)]
    [InlineData(ErrorClass.Billing)]
    [InlineData(ErrorClass.ModelNotFound)]
    [InlineData(ErrorClass.ContextLength)]
    public async Task Execute_NextCandidateClass_MovesOnWithoutRetryingTheSame(ErrorClass errorClass)
    {
        var (result, tried) = await RunAsync(new Harness(), new Dictionary<string, ErrorClass> { ["github/gpt-4o-mini"] = errorClass });

        Assert.Equal(["github/gpt-4o-mini", "openai/gpt-4o-mini"], tried);
        Assert.Equal("openai/gpt-4o-mini", Assert.IsType<FailoverResult<Answer>.Won>(result).Winner.Id);
    }

    [Theory]
    [InlineData(ErrorClass.Overloaded)]
    [InlineData(ErrorClass.Timeout)]
    [InlineData(ErrorClass.UpstreamError)]
    [InlineData(ErrorClass.StreamInterrupted)]
    public async Task Execute_TransientClass_MovesOnAndRetriesThatCandidateLater(ErrorClass errorClass)
    {
        var harness = new Harness(o => { o.MaxAttempts = 10; o.Circuit.FailureThreshold = 100; });
        var failures = harness.Catalog.Models.ToDictionary(m => m.Id, _ => errorClass);

        var (result, tried) = await RunAsync(harness, failures);

        Assert.Equal(8, tried.Count); // four candidates, each retried once
        Assert.Equal(errorClass == ErrorClass.Overloaded ? 503 : 502, Assert.IsType<FailoverResult<Answer>.Lost>(result).Error.Status);
    }

    [Fact]
    public async Task Execute_RateLimited_BenchesProviderLocallyAndSharedUntilRetryAt()
    {
        var harness = new Harness();
        var retryAt = harness.Time.GetUtcNow().AddMinutes(3);

        await RunAsync(harness, new Dictionary<string, ErrorClass> { ["github/gpt-4o-mini"] = ErrorClass.RateLimited }, retryAt);

        Assert.Equal(retryAt, harness.Cooldowns.Find("github", "gpt-4o-mini", harness.Time.GetUtcNow())?.Until);
        await WaitUntil(() => harness.Notifier.Shared.ContainsKey(QuotaScopes.Provider("github")));
        Assert.Equal(retryAt, harness.Notifier.Shared[QuotaScopes.Provider("github")].Until);
    }

    [Fact]
    public async Task Execute_AttemptsBounded_StopsAtMaxAttempts()
    {
        var harness = new Harness(o => o.MaxAttempts = 2);
        var failures = harness.Catalog.Models.ToDictionary(m => m.Id, _ => ErrorClass.RateLimited);

        var (result, tried) = await RunAsync(harness, failures);

        Assert.Equal(2, tried.Count);
        Assert.Equal(503, Assert.IsType<FailoverResult<Answer>.Lost>(result).Error.Status);
    }

    [Fact]
    public async Task Execute_EveryCandidateRateLimited_Is503WithEarliestRetry()
    {
        var harness = new Harness();
        var retryAt = harness.Time.GetUtcNow().AddSeconds(42);
        var failures = harness.Catalog.Models.ToDictionary(m => m.Id, _ => ErrorClass.RateLimited);

        var (result, _) = await RunAsync(harness, failures, retryAt);

        var error = Assert.IsType<FailoverResult<Answer>.Lost>(result).Error;
        Assert.Equal(503, error.Status);
        Assert.Equal(retryAt, error.RetryAt);
        Assert.Contains("rate_limited", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_EveryCandidateContextLength_Is400ContextLengthExceeded()
    {
        var harness = new Harness();
        var failures = harness.Catalog.Models.ToDictionary(m => m.Id, _ => ErrorClass.ContextLength);

        var (result, _) = await RunAsync(harness, failures);

        var error = Assert.IsType<FailoverResult<Answer>.Lost>(result).Error;
        Assert.Equal(400, error.Status);
        Assert.Equal("context_length_exceeded", error.Code);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Execute_HopUnreachable_RetriesTheSameCandidateWithoutCountingItAgainstTheProvider()
    {
        var harness = new Harness();
        var tried = new List<string>();
        var result = await harness.Failover.ExecuteAsync(harness.Plan(new RouteQuery()), (candidate, _) =>
        {
            tried.Add(candidate.Id);
            return Task.FromResult(tried.Count <= 2
                ? AttemptOutcome<Answer>.HopFailed("failed to invoke, id: provider-adapters, err: connection refused")
                : AttemptOutcome<Answer>.Success(new Answer(candidate.Id)));
        }, default);

        Assert.Equal(["github/gpt-4o-mini", "github/gpt-4o-mini", "github/gpt-4o-mini"], tried);
        var won = Assert.IsType<FailoverResult<Answer>.Won>(result);
        Assert.Equal("github/gpt-4o-mini", won.Winner.Id);
        Assert.Equal(1, won.Sent);
        Assert.Empty(won.Fallbacks);
    }

    [Fact]
    public async Task Execute_HopUnreachableForHopRetrySeconds_Answers503AdaptersUnavailable_AndLeavesCircuitsClosed()
    {
        var harness = new Harness(o => o.HopRetrySeconds = 10);
        var calls = 0;
        var result = await harness.Failover.ExecuteAsync(harness.Plan(new RouteQuery()), (_, _) =>
        {
            calls++;
            harness.Time.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(AttemptOutcome<Answer>.HopFailed("failed to invoke, id: provider-adapters, err: connection refused"));
        }, default);

        var lost = Assert.IsType<FailoverResult<Answer>.Lost>(result);
        Assert.Equal(503, lost.Error.Status);
        Assert.Equal("adapters_unavailable", lost.Error.Code);
        Assert.NotNull(lost.Error.RetryAt);
        Assert.Null(lost.LastErrorClass);
        Assert.Equal(10, calls);
        Assert.Equal(0, lost.Sent);

        // The provider was never asked: its circuit is still closed and it is tried first next time.
        var (next, tried) = await RunAsync(harness, new Dictionary<string, ErrorClass>());
        Assert.Equal(["github/gpt-4o-mini"], tried);
        Assert.IsType<FailoverResult<Answer>.Won>(next);
    }

    [Fact]
    public async Task Execute_HopBreakerOpen_TriesAgainOncePerBreakerTimeoutOnTheClock_Then503RetryAfterIt_CircuitsClosed()
    {
        var harness = new Harness(o => { o.HopRetrySeconds = 10; o.HopBreakerTimeoutSeconds = 4; o.MaxAttempts = 20; });
        var tries = new List<DateTimeOffset>();
        var run = harness.Failover.ExecuteAsync(harness.Plan(new RouteQuery()), (_, _) =>
        {
            tries.Add(harness.Time.GetUtcNow());
            return Task.FromResult(AttemptOutcome<Answer>.HopRefused("failed to invoke, id: provider-adapters, err: circuit breaker is open"));
        }, default);
        // The clock moves until the run ends (bounded, so a regression fails instead of hanging the test host).
        for (var step = 0; !run.IsCompleted && step < 2_000; step++)
        {
            await Task.Delay(5);
            harness.Time.Advance(TimeSpan.FromMilliseconds(100));
        }
        Assert.True(run.IsCompleted, "the failover ended once the fake clock had moved past the breaker's timeouts");
        var lost = Assert.IsType<FailoverResult<Answer>.Lost>(await run);

        // Tried at 0 s, after 4-4.8 s and again after as long; the next wait would pass the 10 s of hop retry: 503 now.
        Assert.Equal(3, tries.Count);
        Assert.All(tries.Zip(tries.Skip(1)), pair => Assert.InRange((pair.Second - pair.First).TotalSeconds, 4, 4.9));
        Assert.Equal(503, lost.Error.Status);
        Assert.Equal("adapters_unavailable", lost.Error.Code);
        Assert.Contains("circuit breaker is open", lost.Error.Message, StringComparison.Ordinal);
        Assert.Equal(harness.Time.GetUtcNow().AddSeconds(4), lost.Error.RetryAt);
        Assert.Null(lost.LastErrorClass);
        Assert.Equal(0, lost.Sent);
        var (next, tried) = await RunAsync(harness, new Dictionary<string, ErrorClass>());
        Assert.Equal(["github/gpt-4o-mini"], tried); // no provider was blamed
        Assert.IsType<FailoverResult<Answer>.Won>(next);
    }

    [Fact]
    public async Task Execute_HopBreakerOpenAndNoTimeLeftToWaitItOut_FailsAtOnce()
    {
        var harness = new Harness(o => { o.HopRetrySeconds = 3; o.HopBreakerTimeoutSeconds = 5; });
        var calls = 0;
        var result = await harness.Failover.ExecuteAsync(harness.Plan(new RouteQuery()), (_, _) =>
        {
            calls++;
            return Task.FromResult(AttemptOutcome<Answer>.HopRefused("failed to invoke, id: provider-adapters, err: too many requests"));
        }, default);

        var lost = Assert.IsType<FailoverResult<Answer>.Lost>(result);
        Assert.Equal(1, calls);
        Assert.Equal((503, "adapters_unavailable"), (lost.Error.Status, lost.Error.Code));
        Assert.Equal(harness.Time.GetUtcNow().AddSeconds(5), lost.Error.RetryAt);
    }

    [Fact]
    public async Task Execute_RetryOfTheSameCandidate_WaitsABackoffOnTheClock()
    {
        var harness = new Harness(o => { o.RetryBackoffMilliseconds = 400; o.MaxRetryBackoffMilliseconds = 400; o.MaxAttempts = 20; });
        var failures = harness.Plan(new RouteQuery()).Candidates.ToDictionary(c => c.Id, _ => ErrorClass.Overloaded);
        var run = RunAsync(harness, failures);

        // Every candidate fails once; the first one is then tried again, but only after its pause (200-400 ms).
        // The clock moves until the run ends (bounded, so a regression fails instead of hanging the test host).
        for (var step = 0; !run.IsCompleted && step < 2_000; step++)
        {
            await Task.Delay(5);
            harness.Time.Advance(TimeSpan.FromMilliseconds(50));
        }
        Assert.True(run.IsCompleted, "the failover ended once the fake clock had moved past every pause");
        var (result, tried) = await run;

        Assert.IsType<FailoverResult<Answer>.Lost>(result);
        Assert.True(tried.Count > failures.Count, "the first candidate is retried once the others failed");
        Assert.True(harness.Time.GetUtcNow() >= new DateTimeOffset(2026, 11, 28, 12, 0, 0, 200, TimeSpan.Zero), "the retry waited on the clock");
    }

    /// <summary>An attempt that waits on its token until it fires; tells when it started.</summary>
    private static Func<Candidate, CancellationToken, Task<AttemptOutcome<Answer>>> Hanging(TaskCompletionSource started) =>
        async (candidate, token) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return AttemptOutcome<Answer>.Success(new Answer(candidate.Id));
        };

    [Fact]
    public async Task Execute_DeadlinePassesDuringAnAttempt_Is504GatewayTimeout()
    {
        var harness = new Harness(o => o.TotalDeadlineSeconds = 10);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = harness.Failover.ExecuteAsync(harness.Plan(new RouteQuery()), Hanging(started), CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        harness.Time.Advance(TimeSpan.FromSeconds(10));

        var lost = Assert.IsType<FailoverResult<Answer>.Lost>(await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal((504, "gateway_timeout", ErrorClass.Timeout), (lost.Error.Status, lost.Error.Code, lost.LastErrorClass));
        Assert.Equal(ErrorClass.Timeout, Assert.Single(lost.Attempts).ErrorClass);
    }

    [Fact]
    public async Task Execute_CallerLeavesDuringAnAttempt_EndsInCancellationNotA504()
    {
        var harness = new Harness(o => o.TotalDeadlineSeconds = 10);
        using var caller = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = harness.Failover.ExecuteAsync(harness.Plan(new RouteQuery()), Hanging(started), caller.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Execute_WonAfterAFailureAndASkip_SentCountsOnlySentAttempts_FallbacksNameBoth()
    {
        var harness = new Harness();
        var plan = harness.Plan(new RouteQuery());
        var (first, second) = (plan.Candidates[0].Id, plan.Candidates[1].Id);

        var result = await harness.Failover.ExecuteAsync(plan, (candidate, _) => Task.FromResult(
            candidate.Id == first ? AttemptOutcome<Answer>.Failure(new AdapterError { Class = ErrorClass.RateLimited, Message = "scripted" })
            : candidate.Id == second ? AttemptOutcome<Answer>.NotSent("free_window_exhausted", null)
            : AttemptOutcome<Answer>.Success(new Answer(candidate.Id))), CancellationToken.None);

        Assert.IsType<FailoverResult<Answer>.Won>(result);
        Assert.Equal(2, result.Sent);
        Assert.Equal([$"{first}:rate_limited", $"{second}:free_window_exhausted"], result.Fallbacks);
    }

    [Fact]
    public async Task Execute_WonAtOnce_NoFallbacks()
    {
        var harness = new Harness();

        var (result, _) = await RunAsync(harness, new Dictionary<string, ErrorClass>());

        Assert.Equal(1, result.Sent);
        Assert.Empty(result.Fallbacks);
    }
}
