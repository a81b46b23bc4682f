using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Hosting;
using Dapr.AiProvider.TestInfrastructure;
using Microsoft.Extensions.Time.Testing;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Dapr.AiProvider.Router.Tests.Budget;

/// <summary>One scope's failed call to quota makes every scope fail fast for a while, instead of each waiting out its timeout.</summary>
public sealed class ActorLeaseSourceTests
{
    [Fact]
    public async Task QuotaUnreachable_OtherScopesFailFastUntilTheRetryInterval()
    {
        // Nothing listens on this port: the sidecar (and so quota) is unreachable.
        var sidecar = $"http://127.0.0.1:{FreePort.Next()}";
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = MsOptions.Create(new RouterOptions { BootstrapKey = "unused", Budget = { RetryAfterFailureSeconds = 10 } });
        using var http = new HttpClient { BaseAddress = new Uri(sidecar + "/") };
        var source = new ActorLeaseSource(new QuotaActorInvoker(http), options, time);
        var request = new LeaseRequest { Holder = "replica-a", Requests = 1 };

        var first = await Assert.ThrowsAnyAsync<Exception>(() => source.AcquireAsync(QuotaScopes.Global, request, CancellationToken.None));
        var second = await Assert.ThrowsAsync<HttpRequestException>(() => source.AcquireAsync(QuotaScopes.Team("qa"), request, CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(11));
        var third = await Assert.ThrowsAnyAsync<Exception>(() => source.AcquireAsync(QuotaScopes.Team("qa"), request, CancellationToken.None));

        Assert.DoesNotContain("moments ago", first.Message, StringComparison.Ordinal);
        Assert.Contains("moments ago", second.Message, StringComparison.Ordinal); // not asked: failed at once
        Assert.DoesNotContain("moments ago", third.Message, StringComparison.Ordinal); // asked again after the interval
    }

    [Theory]
    // daprd's answer when the actor host threw (the app's 500): quota is up, so other scopes are still asked.
    [InlineData("error invoke actor method: error from actor service: (500) ", false)]
    // daprd's answer when it could not reach the app at all: quota is down, other scopes fail fast.
    [InlineData("error invoke actor method: dial tcp 127.0.0.1:5200: connect: connection refused", true)]
    public async Task SidecarError_OnlyAFailureOnTheWayMarksQuotaDown(string message, bool down)
    {
        var calls = 0;
        using var http = new HttpClient(new AnswerHandler(() =>
        {
            calls++;
            return new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError)
            {
                Content = new StringContent($$"""{"errorCode":"ERR_ACTOR_INVOKE_METHOD","message":"{{message}}"}"""),
            };
        })) { BaseAddress = new Uri("http://127.0.0.1:3500/") };
        var options = MsOptions.Create(new RouterOptions { BootstrapKey = "unused", Budget = { RetryAfterFailureSeconds = 10 } });
        var source = new ActorLeaseSource(new QuotaActorInvoker(http), options, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var request = new LeaseRequest { Holder = "replica-a", Requests = 1 };

        var first = await Assert.ThrowsAsync<QuotaActorException>(() => source.AcquireAsync(QuotaScopes.Global, request, CancellationToken.None));
        var second = await Assert.ThrowsAnyAsync<Exception>(() => source.AcquireAsync(QuotaScopes.Team("qa"), request, CancellationToken.None));

        Assert.Equal(!down, first.ActorFailed);
        Assert.Equal("ERR_ACTOR_INVOKE_METHOD", first.ErrorCode);
        Assert.Equal(down ? 1 : 2, calls);
        Assert.Equal(down ? typeof(HttpRequestException) : typeof(QuotaActorException), second.GetType());
    }

    private sealed class AnswerHandler(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer());
    }
}
