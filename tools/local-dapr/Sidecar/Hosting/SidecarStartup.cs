using Dapr.AiProvider.LocalDapr.Sidecar.Components;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>
/// daprd's start sequence: initialise components (every Redis answers PING), mark outbound-ready,
/// then wait for the app port and mark ready. A Redis that stays unreachable stops the process (exit 1).
/// </summary>
internal sealed partial class SidecarStartup(
    LoadedResources resources, RedisConnections redis, AppChannel app, SidecarReadiness readiness,
    SidecarOptions options, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<SidecarStartup> logger) : BackgroundService
{
    private static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var redisComponents = resources.Components.Where(c => c.Type is "state.redis" or "pubsub.redis").ToList();
        var deadline = time.GetUtcNow() + InitTimeout;
        while (true)
        {
            try
            {
                await redis.PingAllAsync(redisComponents, stoppingToken);
                break;
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
            {
                if (time.GetUtcNow() > deadline)
                {
                    Log.ComponentsFailed(logger, e.Message);
                    Environment.ExitCode = 1;
                    lifetime.StopApplication();
                    return;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, stoppingToken);
            }
        }
        readiness.MarkOutboundReady();
        Log.ComponentsReady(logger, resources.Components.Count, options.UnixDomainSocket is { } dir
            ? $"unix sockets in {dir}"
            : $"http :{options.HttpPort}, grpc :{options.GrpcPort}");
        await app.Ready.WaitAsync(stoppingToken);
        readiness.MarkAppReady();
        Log.Ready(logger, options.AppId);
    }

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Information, "{Count} component(s) initialised; API on {Api}")]
        public static partial void ComponentsReady(ILogger logger, int count, string api);

        [LoggerMessage(11, LogLevel.Information, "dapr initialized for app '{AppId}': status Running")]
        public static partial void Ready(ILogger logger, string appId);

        [LoggerMessage(12, LogLevel.Critical, "component initialisation failed (Redis unreachable): {Error}")]
        public static partial void ComponentsFailed(ILogger logger, string error);
    }
}
