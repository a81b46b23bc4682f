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
}
