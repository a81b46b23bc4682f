using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Components;

/// <summary>One shared multiplexer per Redis server that components name (redisHost, redisDB, password).</summary>
public interface IRedisConnections
{
    IConnectionMultiplexer For(ComponentSpec component);
    /// <summary>The database number the component asks for (<c>redisDB</c>, default 0).</summary>
    IDatabase Database(ComponentSpec component);
    /// <summary>The Redis the sidecars share for name resolution and actor placement.</summary>
    IDatabase Registry { get; }
}
