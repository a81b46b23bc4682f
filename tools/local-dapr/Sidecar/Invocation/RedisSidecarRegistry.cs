using System.Collections.Concurrent;
using System.Globalization;
using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Invocation;

/// <summary>
/// Name resolution in the registry Redis: hash <c>localdapr||registry||{appId}</c>, field = instance id,
/// value = "{httpAddress} {expiresUnixMs}". Each sidecar refreshes its entry every 2 s (expiry 6 s) once its
/// app is ready, and removes it on shutdown. Lookups are cached for 1 s.
/// </summary>
internal sealed partial class RedisSidecarRegistry(
    SidecarOptions options, RedisConnections redis, AppChannel app, TimeProvider time, ILogger<RedisSidecarRegistry> logger)
    : BackgroundService, ISidecarRegistry
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Fetched, IReadOnlyList<SidecarEndpoint> Endpoints)> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _failed = new(StringComparer.Ordinal);

    public SidecarEndpoint Self { get; } = new(options.AppId, options.InstanceId, $"http://127.0.0.1:{options.PeerPort}");

    public static RedisKey KeyFor(string appId) => $"localdapr||registry||{appId}";

    public ValueTask<IReadOnlyList<SidecarEndpoint>> ResolveAsync(string appId, CancellationToken ct) =>
        _cache.TryGetValue(appId, out var cached) && time.GetUtcNow() - cached.Fetched < CacheFor
            ? new(cached.Endpoints)
            : new(FetchAsync(appId, ct));

    private async Task<IReadOnlyList<SidecarEndpoint>> FetchAsync(string appId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var entries = await redis.Registry.HashGetAllAsync(KeyFor(appId)).WaitAsync(ct);
        var endpoints = new List<SidecarEndpoint>(entries.Length);
        foreach (var entry in entries)
        {
            var value = entry.Value.ToString();
            var space = value.LastIndexOf(' ');
            if (space > 0 && long.TryParse(value.AsSpan(space + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var expires)
                && expires > now.ToUnixTimeMilliseconds())
            {
                endpoints.Add(new SidecarEndpoint(appId, entry.Name.ToString(), value[..space]));
            }
        }
        endpoints.Sort((a, b) => string.CompareOrdinal(a.InstanceId, b.InstanceId));
        if (!_failed.IsEmpty)
        {
            var healthy = endpoints.FindAll(e => !(_failed.TryGetValue(e.InstanceId, out var until) && until > now));
            endpoints = healthy.Count > 0 ? healthy : endpoints;
        }
        if (endpoints.Count > 0)
        {
            _cache[appId] = (now, endpoints);
        }
        return endpoints;
    }

    /// <summary>
    /// A connection to <paramref name="endpoint"/> failed: forget the cached lookup and leave that instance out
    /// of lookups until its registration would have expired (unless it is the only one left).
    /// </summary>
    public void MarkFailed(SidecarEndpoint endpoint)
    {
        _failed[endpoint.InstanceId] = time.GetUtcNow() + Expiry;
        _cache.TryRemove(endpoint.AppId, out _);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.AppPort == 0 || !redis.HasRegistry)
        {
            return;
        }
        await app.Ready.WaitAsync(stoppingToken);
        var registered = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var expires = (time.GetUtcNow() + Expiry).ToUnixTimeMilliseconds();
                await redis.Registry.HashSetAsync(KeyFor(options.AppId), options.InstanceId,
                    $"{Self.HttpAddress} {expires.ToString(CultureInfo.InvariantCulture)}").WaitAsync(stoppingToken);
                if (!registered)
                {
                    registered = true;
                    Log.Registered(logger, options.AppId, Self.HttpAddress);
                }
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                Log.HeartbeatFailed(logger, e.Message);
            }
            await Task.Delay(Heartbeat, time, stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (options.AppPort != 0 && redis.HasRegistry)
        {
            try
            {
                await redis.Registry.HashDeleteAsync(KeyFor(options.AppId), options.InstanceId).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                Log.HeartbeatFailed(logger, e.Message);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Information, "registered app-id '{AppId}' at {Address} for service invocation")]
        public static partial void Registered(ILogger logger, string appId, string address);

        [LoggerMessage(31, LogLevel.Warning, "name resolution registry: {Error}")]
        public static partial void HeartbeatFailed(ILogger logger, string error);
    }
}
