namespace Dapr.AiProvider.TestInfrastructure;

/// <summary>
/// A private redis-server for one test class (random port, no persistence), so tests never share
/// keys. Use as an xunit class fixture or <c>await using var redis = await RedisServer.StartAsync();</c>.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly TestProcess _process;

    private RedisServer(TestProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    /// <summary><c>127.0.0.1:{port}</c>, as a component's <c>redisHost</c>.</summary>
    public string Address => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var port = FreePort.Next();
        var process = TestProcess.Start("redis-server", "redis-server",
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--protected-mode", "no"]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return new RedisServer(process, port);
            }
            catch (System.Net.Sockets.SocketException)
            {
                if (process.HasExited)
                {
                    break;
                }
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException("redis-server did not start: " + process.Output);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
