using Dapr.AiProvider.Router.RateLimiting;
using System.Diagnostics;
using Dapr.AiProvider.Benchmark.Measure;
using Dapr.AiProvider.Benchmark.Report;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Tests.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// The router's own authentication and rate-limit filters in process, as registered in production
/// (API key verified once, then cached; per-key requests and tokens per minute): the time they add to
/// each request on the hot path. The shared window store is in memory here; it is reached once per
/// slice (the figure printed), which is where a state-store round trip would land.
/// </summary>
internal sealed class AuthScenario : IScenario
{
    private const string Key = "aip_benchkey_0123456789abcdef0123456789abcdef";

    public string Name => "auth";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var iterations = context.Options.Quick ? 50_000 : 200_000;
        var store = new InMemoryRateWindowStore();
        await using var services = Services(store);
        var auth = ActivatorUtilities.CreateInstance<ApiKeyFilter>(services);
        var limits = ActivatorUtilities.CreateInstance<RateLimitFilter>(services);
        EndpointFilterDelegate terminal = _ => ValueTask.FromResult<object?>(null);
        EndpointFilterDelegate chain = invocation => auth.InvokeAsync(invocation, next => limits.InvokeAsync(next, terminal));

        for (var i = 0; i < 5_000; i++)
        {
            await OnceAsync(chain);
        }
        var storeCallsBefore = store.Calls;
        var samples = new long[iterations];
        for (var i = 0; i < iterations; i++)
        {
            samples[i] = await OnceAsync(chain);
        }
        Array.Sort(samples);
        var p50 = Micros(samples, 0.50);
        var p99 = Micros(samples, 0.99);
        var storeCalls = store.Calls - storeCallsBefore;

        var table = new Table($"auth — API key + requests/tokens per minute, in process, {iterations:N0} requests",
            "p50 µs", "p99 µs", "store claims per 1,000 requests");
        table.Add(p50, p99, storeCalls * 1000.0 / iterations);
        table.Print();
        context.Summary.AtMost(Name, "authentication + rate limiting p50", p50, 50, "µs");
    }

    /// <summary>One request through both filters; the HTTP context is built outside the timing (the server builds it anyway).</summary>
    private static async ValueTask<long> OnceAsync(EndpointFilterDelegate chain)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Path = "/v1/chat/completions";
        http.Request.Headers.Authorization = "Bearer " + Key;
        var invocation = new DefaultEndpointFilterInvocationContext(http);
        var start = Stopwatch.GetTimestamp();
        var result = await chain(invocation);
        var elapsed = Stopwatch.GetTimestamp() - start;
        if (result is not null || http.Response.Headers["x-ratelimit-remaining-requests"].Count == 0)
        {
            throw new InvalidOperationException("The bench request was refused or not rate limited.");
        }
        return elapsed;
    }

    private static ServiceProvider Services(IRateWindowStore store)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(Options.Create(new RouterOptions { BootstrapKey = "bench-bootstrap-key" }));
        services.AddSingleton(Options.Create(new AuthOptions { DefaultRequestsPerMinute = 10_000_000, DefaultTokensPerMinute = 1_000_000_000 }));
        services.AddSingleton<IKeyDirectory, OneKeyDirectory>();
        services.AddSingleton(store);
        services.AddSingleton<BootstrapKeyAuthenticator>();
        services.AddSingleton<DatabaseKeyAuthenticator>();
        services.AddSingleton<JwtAuthenticator>();
        services.AddSingleton<KeyUsageTracker>();
        services.AddSingleton<IApiKeyAuthenticator, GatewayAuthenticator>();
        services.AddSingleton<CallerRateLimiter>();
        services.AddSingleton<FailedAuthLimiter>();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<DaprCaller>();
        services.AddSingleton<IMeshAppStore, InMemoryMeshAppStore>();
        services.AddSingleton<MeshApps>();
        return services.BuildServiceProvider();
    }

    private static double Micros(long[] sorted, double p) => LatencyRecorder.Ms(sorted, p) * 1000;

    private sealed class OneKeyDirectory : IKeyDirectory
    {
        public Task<KeyLookup> VerifyAsync(string presentedKey, CancellationToken cancellationToken) =>
            Task.FromResult(presentedKey == Key ? new KeyLookup(new KeyRecord { Id = "key_bench", Role = "service", Team = "bench" }, false) : KeyLookup.NotFound);

        public Task TouchAsync(IReadOnlyList<string> ids, DateTimeOffset at, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
