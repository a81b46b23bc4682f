using Dapr.Actors.Client;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Configuration;
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
        var source = new ActorLeaseSource(new ActorProxyFactory(new ActorProxyOptions { HttpEndpoint = sidecar, UseJsonSerialization = true }),
            options, time);
        var request = new LeaseRequest { Holder = "replica-a", Requests = 1 };

        var first = await Assert.ThrowsAnyAsync<Exception>(() => source.AcquireAsync(QuotaScopes.Global, request, CancellationToken.None));
        var second = await Assert.ThrowsAsync<HttpRequestException>(() => source.AcquireAsync(QuotaScopes.Team("qa"), request, CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(11));
        var third = await Assert.ThrowsAnyAsync<Exception>(() => source.AcquireAsync(QuotaScopes.Team("qa"), request, CancellationToken.None));

        Assert.DoesNotContain("moments ago", first.Message, StringComparison.Ordinal);
        Assert.Contains("moments ago", second.Message, StringComparison.Ordinal); // not asked: failed at once
        Assert.DoesNotContain("moments ago", third.Message, StringComparison.Ordinal); // asked again after the interval
    }
}
