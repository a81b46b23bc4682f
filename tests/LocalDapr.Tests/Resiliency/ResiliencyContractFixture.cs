using System.Collections.Concurrent;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Dapr.AiProvider.LocalDapr.Tests.Resiliency;

/// <summary>
/// Redis, a callee app (in-process Kestrel) behind sidecar <c>callee</c>, and sidecar <c>caller</c> whose
/// Resiliency resource targets app <c>callee</c>: per-attempt timeout 1 s, 3 constant retries 50 ms apart on
/// 500/503 only, breaker tripping at 4 consecutive failures and half-opening after 2 s. Each test uses its
/// own method names, so breakers (per app+method) never interfere.
/// </summary>
public sealed class ResiliencyContractFixture : IAsyncLifetime
{
    public const string Resiliency = """
        apiVersion: dapr.io/v1alpha1
        kind: Resiliency
        metadata:
          name: contract-resiliency
        scopes: [caller]
        spec:
          policies:
            timeouts:
              attempt: 1s
            retries:
              few:
                policy: constant
                duration: 50ms
                maxRetries: 3
                matching:
                  httpStatusCodes: "500,503"
            circuitBreakers:
              breaker:
                maxRequests: 1
                timeout: 2s
                trip: consecutiveFailures >= 4
          targets:
            apps:
              callee:
                timeout: attempt
                retry: few
                circuitBreaker: breaker
        """;

    private RedisServer? _redis;
    private TestApp? _app;
    private SidecarProcess? _callee;
    private SidecarProcess? _caller;

    /// <summary>Calls per method name seen by the callee app.</summary>
    public ConcurrentDictionary<string, int> Calls { get; } = new();
    /// <summary>Status the callee answers per call number (1-based) of a method; default 200.</summary>
    public ConcurrentDictionary<string, Func<int, int>> Script { get; } = new();
    public HttpClient Caller { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _app = await TestApp.StartAsync(app => app.Map("/{method}", HandleAsync));
        _callee = await SidecarProcess.StartAsync(_redis, new SidecarSpec("callee") { AppPort = _app.Port });
        _caller = await SidecarProcess.StartAsync(_redis, new SidecarSpec("caller")
        {
            ExtraResources = new Dictionary<string, string> { ["resiliency.yaml"] = Resiliency },
        });
        Caller = _caller.CreateHttpClient();
    }

    public int CallsTo(string method) => Calls.GetValueOrDefault(method);

    private async Task HandleAsync(HttpContext context, string method)
    {
        var call = Calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        if (method.StartsWith("slow", StringComparison.Ordinal) && (method != "slow-once" || call == 1))
        {
            await Task.Delay(TimeSpan.FromSeconds(3), context.RequestAborted);
        }

        context.Response.StatusCode = Script.TryGetValue(method, out var script) ? script(call) : 200;
        await context.Response.WriteAsync($"{method}#{call}", context.RequestAborted);
    }

    public async Task DisposeAsync()
    {
        Caller?.Dispose();
        if (_caller is not null)
        {
            await _caller.DisposeAsync();
        }

        if (_callee is not null)
        {
            await _callee.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
