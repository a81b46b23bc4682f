using System.Net;
using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.CircuitBreaker;

namespace Dapr.AiProvider.LocalDapr.Tests.Resiliency;

public sealed class DefaultPolicyTests : IDisposable
{
    private readonly ResiliencyFiles _files = new();
    private readonly FakeTimeProvider _time = new();
    private int _calls;

    public void Dispose() => _files.Dispose();

    private ResiliencyProvider Provider(string spec, string? componentKind = "Pubsub") =>
        _files.With("r.yaml", ResiliencyFiles.Resiliency(spec)).Provider(_time, componentKind: componentKind);

    private async Task<int> CountAttempts(ResiliencePipeline pipeline)
    {
        _calls = 0;
        try
        {
            await pipeline.ExecuteAsync(_ => { _calls++; throw new InvalidOperationException("delivery failed"); }, CancellationToken.None);
        }
        catch (Exception ex) when (ex is InvalidOperationException or BrokenCircuitException)
        {
        }

        return _calls;
    }

    [Fact]
    public async Task App_DefaultAppRetryPolicy_AppliesToUnnamedAppsOnly()
    {
        var provider = Provider("""
              policies:
                timeouts:
                  t: 5s
                retries:
                  DefaultAppRetryPolicy: { duration: 0, maxRetries: 2 }
              targets:
                apps:
                  named: { timeout: t }
            """);

        using var unnamed = await provider.App("other", "m").ExecuteAsync(_ => Answer(), CancellationToken.None);
        Assert.Equal(3, _calls);

        _calls = 0;
        using var named = await provider.App("named", "m").ExecuteAsync(_ => Answer(), CancellationToken.None);
        Assert.Equal(1, _calls);
    }

    [Fact]
    public async Task ComponentInbound_TypedDefault_AppliesOnlyToThatDirection()
    {
        var provider = Provider("""
              policies:
                retries:
                  DefaultPubsubComponentInboundRetryPolicy: { duration: 0, maxRetries: 4 }
                  DefaultComponentRetryPolicy: { duration: 0, maxRetries: 1 }
            """);

        Assert.Equal(5, await CountAttempts(provider.ComponentInbound("pubsub")));
        Assert.Equal(2, await CountAttempts(provider.ComponentOutbound("pubsub")));
    }

    [Fact]
    public async Task Component_NamedTargetWithoutDirection_UsesNoDefaults()
    {
        var provider = Provider("""
              policies:
                retries:
                  r: { duration: 0, maxRetries: 2 }
                  DefaultRetryPolicy: { duration: 0, maxRetries: 6 }
              targets:
                components:
                  pubsub:
                    outbound: { retry: r }
            """);

        Assert.Equal(3, await CountAttempts(provider.ComponentOutbound("pubsub")));
        Assert.Equal(1, await CountAttempts(provider.ComponentInbound("pubsub")));
        Assert.Equal(7, await CountAttempts(provider.ComponentInbound("statestore")));
    }

    [Fact]
    public async Task Actor_IdScopedBreaker_TripsPerActorId()
    {
        var provider = Provider("""
              policies:
                circuitBreakers:
                  cb: { trip: consecutiveFailures >= 1 }
              targets:
                actors:
                  ById: { circuitBreaker: cb, circuitBreakerScope: id }
                  ByType: { circuitBreaker: cb, circuitBreakerScope: type }
            """);

        await CountAttempts(provider.Actor("ById", "1"));
        Assert.Equal(0, await CountAttempts(provider.Actor("ById", "1")));
        Assert.Equal(1, await CountAttempts(provider.Actor("ById", "2")));

        await CountAttempts(provider.Actor("ByType", "1"));
        Assert.Equal(0, await CountAttempts(provider.Actor("ByType", "2")));
    }

    private ValueTask<HttpResponseMessage> Answer()
    {
        _calls++;
        return ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError));
    }
}
