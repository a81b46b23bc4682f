using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dapr.AiProvider.LocalDapr.Tests.Resiliency;

[Trait("Category", "Process")]
public sealed class ResiliencyStartupTests : IDisposable
{
    private readonly ResiliencyFiles _files = new();

    public void Dispose() => _files.Dispose();

    private IResiliencyProvider Resolve(string appId)
    {
        var services = new ServiceCollection()
            .AddSingleton(new SidecarOptions { AppId = appId, ResourcesPaths = [_files.Folder] })
            .AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance)
            .AddResiliencyFeature();
        return services.BuildServiceProvider().GetRequiredService<IResiliencyProvider>();
    }

    [Fact]
    public async Task AddResiliencyFeature_ValidFile_ResolvesProviderUsingIt()
    {
        _files.With("r.yaml", ResiliencyFiles.Resiliency("""
              policies:
                retries:
                  twice: { duration: 0, maxRetries: 2 }
              targets:
                components:
                  pubsub:
                    inbound: { retry: twice }
            """));
        var calls = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await Resolve("caller").ComponentInbound("pubsub").ExecuteAsync(_ => { calls++; throw new InvalidOperationException(); }, CancellationToken.None));

        Assert.Equal(3, calls);
    }

    [Fact]
    public void AddResiliencyFeature_MalformedFile_ThrowsOnResolve()
    {
        _files.With("r.yaml", ResiliencyFiles.Resiliency("  policies:\n    timeouts:\n      t: later"));

        var error = Assert.Throws<ResiliencyConfigurationException>(() => Resolve("caller"));

        Assert.Contains("spec.policies.timeouts.t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sidecar_MalformedResiliencyFile_ExitsNamingFileAndField()
    {
        await using var redis = await RedisServer.StartAsync();
        var bad = ResiliencyFiles.Resiliency("""
              policies:
                circuitBreakers:
                  cb: { trip: "consecutiveFailures >>> 2" }
            """);
        await using var sidecar = await SidecarProcess.StartAsync(redis, new SidecarSpec("broken")
        {
            WaitForOutbound = false,
            ExtraResources = new Dictionary<string, string> { ["bad-resiliency.yaml"] = bad },
        });

        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!sidecar.HasExited && watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        Assert.True(sidecar.HasExited, sidecar.Output);
        Assert.Contains("bad-resiliency.yaml", sidecar.Output, StringComparison.Ordinal);
        Assert.Contains("spec.policies.circuitBreakers.cb.trip", sidecar.Output, StringComparison.Ordinal);
    }
}
