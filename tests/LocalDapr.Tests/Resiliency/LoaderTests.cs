using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.Resiliency;

public sealed class LoaderTests : IDisposable
{
    private readonly ResiliencyFiles _files = new();

    private const string FullSpec = """
          policies:
            timeouts:
              general: 5s
              bare: 1500
            retries:
              fast:
                policy: constant
                duration: 200ms
                maxRetries: 3
                matching:
                  httpStatusCodes: "429,500-504"
                  gRPCStatusCodes: "14"
              forever:
                policy: exponential
                maxInterval: 10s
            circuitBreakers:
              cb:
                maxRequests: 2
                interval: 30s
                timeout: 45s
                trip: consecutiveFailures >= 3
          targets:
            apps:
              callee:
                timeout: general
                retry: fast
                circuitBreaker: cb
            actors:
              Quota:
                retry: forever
                circuitBreaker: cb
                circuitBreakerScope: id
            components:
              pubsub:
                inbound:
                  retry: forever
                outbound:
                  timeout: bare
        """;

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Load_FullSpec_ReadsPoliciesAndTargets()
    {
        var model = _files.With("resiliency.yaml", ResiliencyFiles.Resiliency(FullSpec)).Load();

        Assert.Equal(TimeSpan.FromSeconds(5), model.Timeouts["general"]);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), model.Timeouts["bare"]);
        var fast = model.Retries["fast"];
        Assert.False(fast.Exponential);
        Assert.Equal(TimeSpan.FromMilliseconds(200), fast.Duration);
        Assert.Equal(3, fast.MaxRetries);
        Assert.True(fast.HttpStatusCodes.Matches(502));
        Assert.False(fast.HttpStatusCodes.Matches(404));
        Assert.True(fast.GrpcStatusCodes.Matches(14));
        var forever = model.Retries["forever"];
        Assert.True(forever.Exponential);
        Assert.Equal(-1, forever.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(10), forever.MaxInterval);
        var cb = model.Breakers["cb"];
        Assert.Equal(2u, cb.MaxRequests);
        Assert.Equal(TimeSpan.FromSeconds(30), cb.Interval);
        Assert.Equal(TimeSpan.FromSeconds(45), cb.Timeout);
        Assert.Equal(new PolicyNames("general", "fast", "cb"), model.Apps["callee"].Policies);
        Assert.True(model.Actors["Quota"].BreakerPerId);
        Assert.Equal("forever", model.Components["pubsub"].Inbound!.Retry);
        Assert.Equal("bare", model.Components["pubsub"].Outbound!.Timeout);
    }

    [Fact]
    public void Load_BreakerWithoutSettings_UsesGobreakerDefaults()
    {
        var model = _files.With("r.yaml", ResiliencyFiles.Resiliency("""
              policies:
                circuitBreakers:
                  plain: {}
            """)).Load();

        var plain = model.Breakers["plain"];
        Assert.Equal(1u, plain.MaxRequests);
        Assert.Equal(TimeSpan.FromSeconds(60), plain.Timeout);
        Assert.Equal(TimeSpan.Zero, plain.Interval);
        Assert.Equal("consecutiveFailures > 5", plain.Trip.Text);
    }

    [Fact]
    public void Load_MultiDocumentFileWithOtherKinds_SkipsOtherKinds()
    {
        var yaml = """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: statestore
            spec:
              type: state.redis
              version: v1
            ---
            """ + "\n" + ResiliencyFiles.Resiliency("""
              policies:
                timeouts:
                  t: 2s
            """);
        var model = _files.With("all.yaml", yaml).With("notes.txt", "kind: Resiliency").Load();

        Assert.Equal(TimeSpan.FromSeconds(2), model.Timeouts["t"]);
        Assert.Equal(["test-resiliency"], model.ResourceNames);
    }

    [Fact]
    public void Load_ScopedToOtherApp_IsIgnored()
    {
        _files.With("r.yaml", ResiliencyFiles.Resiliency("""
              policies:
                timeouts:
                  t: 2s
            """, scopes: "scopes: [quota]"));

        Assert.Empty(_files.Load("router").Timeouts);
        Assert.Single(_files.Load("quota").Timeouts);
    }

    [Fact]
    public void Load_BuiltInOverrideBelowThreeRetries_KeepsThree()
    {
        var model = _files.With("r.yaml", ResiliencyFiles.Resiliency("""
              policies:
                retries:
                  DaprBuiltInServiceRetries:
                    duration: 100ms
                    maxRetries: 1
            """)).Load();

        Assert.Equal(3, model.Retries[ResiliencyModel.BuiltInServiceRetries].MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(100), model.Retries[ResiliencyModel.BuiltInServiceRetries].Duration);
    }

    [Fact]
    public void Defaults_ScopedAndTopLevelNames_ResolvedMostSpecificFirst()
    {
        var model = _files.With("r.yaml", ResiliencyFiles.Resiliency("""
              policies:
                timeouts:
                  DefaultTimeoutPolicy: 9s
                retries:
                  DefaultComponentInboundRetryPolicy:
                    maxRetries: 2
                  DefaultRetryPolicy:
                    maxRetries: 7
                circuitBreakers:
                  DefaultPubsubComponentInboundCircuitBreakerPolicy: {}
            """)).Load();

        var inbound = model.Defaults("PubsubComponentInbound", "ComponentInbound", "Component")!;
        Assert.Equal(new PolicyNames("DefaultTimeoutPolicy", "DefaultComponentInboundRetryPolicy", "DefaultPubsubComponentInboundCircuitBreakerPolicy"), inbound);
        var app = model.Defaults("App")!;
        Assert.Equal(new PolicyNames("DefaultTimeoutPolicy", "DefaultRetryPolicy", null), app);
    }

    [Fact]
    public void Load_RepositoryComponentsFolder_LoadsWithoutErrors()
    {
        var model = ResiliencyLoader.Load([Path.Combine(RepoPaths.Root, "components")], "router");

        Assert.NotEmpty(model.ResourceNames);
        Assert.True(model.Apps.ContainsKey("provider-adapters"));
    }

    [Fact]
    public void Defaults_NothingConfigured_ReturnsNull() =>
        Assert.Null(_files.Load().Defaults("App"));
}
