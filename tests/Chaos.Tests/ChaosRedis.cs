using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.Chaos.Tests;

/// <summary>
/// The stack's private Redis, persistent as a production Redis must be for pub/sub and actor state: AOF with
/// <c>appendfsync always</c>, so every write it acknowledged survives a crash. <see cref="CrashAndRestartAsync"/>
/// SIGKILLs it and starts it again on the same port and data folder.
/// </summary>
internal sealed class ChaosRedis : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aiprovider-chaos-redis-").FullName;
    private TestProcess _process = null!;

    public int Port { get; } = FreePort.Next();
    public string Address => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<ChaosRedis> StartAsync()
    {
        var redis = new ChaosRedis();
        await redis.StartProcessAsync();
        return redis;
    }

    public async Task CrashAndRestartAsync()
    {
        _process.Kill();
        await _process.DisposeAsync();
        await StartProcessAsync();
    }

    /// <summary>True when Redis answers PING (it answers only once the AOF is loaded).</summary>
    public async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    private async Task StartProcessAsync()
    {
        _process = TestProcess.Start("redis-server", "redis-server",
            ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--protected-mode", "no",
             "--dir", _dir, "--appendonly", "yes", "--appendfsync", "always", "--save", ""]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await AnswersAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("redis-server did not start: " + _process.Output);
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
