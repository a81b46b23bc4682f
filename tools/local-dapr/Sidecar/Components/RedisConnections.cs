using System.Collections.Concurrent;
using System.Globalization;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Components;

/// <summary>
/// One multiplexer per (redisHost, redisUsername, redisPassword). The registry Redis (name resolution,
/// actor placement) is <c>LOCALDAPR_REGISTRY_REDIS</c> (host:port) when set, else the actor state
/// store's, else the first Redis component's, else <c>localhost:6379</c> (the Redis <c>dapr init</c> starts).
/// Every sidecar of a run must agree on it, also one whose components are all scoped away (the
/// launcher and scripts set the variable for that reason).
/// </summary>
internal sealed class RedisConnections : IRedisConnections, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ConnectionMultiplexer>> _connections = new(StringComparer.Ordinal);
    private readonly ComponentSpec? _registryComponent;

    public RedisConnections(LoadedResources resources, string? registryOverride)
    {
        var redis = resources.Components.Where(c => c.Type is "state.redis" or "pubsub.redis").ToList();
        foreach (var component in redis)
        {
            Validate(component);
        }
        _registryComponent = !string.IsNullOrWhiteSpace(registryOverride) ? RegistryAt(registryOverride)
            : redis.FirstOrDefault(c => c.Type == "state.redis" && c.GetBool("actorStateStore"))
            ?? redis.FirstOrDefault()
            ?? RegistryAt("localhost:6379");
    }

    private static ComponentSpec RegistryAt(string host) => new()
    {
        Name = "localdapr-registry",
        Type = "state.redis",
        Metadata = new Dictionary<string, string> { ["redisHost"] = host },
    };

    public bool HasRegistry => _registryComponent is not null;

    public IDatabase Registry => _registryComponent is { } c
        ? Database(c)
        : throw new InvalidOperationException("no Redis for name resolution: add a state.redis or pubsub.redis component or set LOCALDAPR_REGISTRY_REDIS");

    public IConnectionMultiplexer For(ComponentSpec component)
    {
        var host = component.Get("redisHost") ?? "localhost:6379";
        var user = component.Get("redisUsername") ?? "";
        var password = component.Get("redisPassword") ?? "";
        var key = string.Join('\n', host, user, password);
        return _connections.GetOrAdd(key, _ => new Lazy<ConnectionMultiplexer>(() => Connect(host, user, password))).Value;
    }

    public IDatabase Database(ComponentSpec component) =>
        For(component).GetDatabase(int.TryParse(component.Get("redisDB"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var db) ? db : 0);

    /// <summary>Pings every Redis the components name (daprd initialises components before it is ready).</summary>
    public async Task PingAllAsync(IEnumerable<ComponentSpec> components, CancellationToken ct)
    {
        foreach (var component in components)
        {
            await Database(component).PingAsync().WaitAsync(ct);
        }
    }

    public void Dispose()
    {
        foreach (var connection in _connections.Values)
        {
            if (connection.IsValueCreated)
            {
                connection.Value.Dispose();
            }
        }
    }

    private static ConnectionMultiplexer Connect(string host, string user, string password)
    {
        var options = ConfigurationOptions.Parse(host);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 5000;
        options.ClientName = "localdapr";
        if (user.Length > 0)
        {
            options.User = user;
        }
        if (password.Length > 0)
        {
            options.Password = password;
        }
        return ConnectionMultiplexer.Connect(options);
    }

    private static void Validate(ComponentSpec component)
    {
        if (component.GetBool("enableTLS"))
        {
            throw new SidecarStartupException($"{component.SourceFile}: component '{component.Name}': metadata enableTLS=true is not supported by the local sidecar");
        }
        if (component.Get("redisDB") is { Length: > 0 } db && !int.TryParse(db, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            throw new SidecarStartupException($"{component.SourceFile}: component '{component.Name}': metadata redisDB '{db}' is not a number");
        }
        if (component.Get("redisType") is { Length: > 0 } type && type != "node")
        {
            throw new SidecarStartupException($"{component.SourceFile}: component '{component.Name}': metadata redisType '{type}' is not supported (node only)");
        }
    }
}
