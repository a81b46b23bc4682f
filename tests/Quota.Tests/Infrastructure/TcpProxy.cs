using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Dapr.AiProvider.Quota.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of the real PostgreSQL, so a test can make the database unreachable
/// (<see cref="Stop"/> refuses new connections and cuts open ones) and bring it back (<see cref="Start"/>).
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private TcpListener? _listener;
    private CancellationTokenSource? _cts;

    public TcpProxy(IPEndPoint target)
    {
        _target = target;
        Port = TestInfrastructure.FreePort.Next();
    }

    public int Port { get; }

    public void Start()
    {
        _cts = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptLoopAsync(_listener, _cts.Token);
    }

    public void Stop()
    {
        _cts?.Cancel();
        _listener?.Stop();
        foreach (var socket in _open.Keys)
        {
            try { socket.Close(0); } catch (ObjectDisposedException) { }
            _open.TryRemove(socket, out _);
        }
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }
            var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await upstream.ConnectAsync(_target, cancellationToken);
            }
            catch (Exception)
            {
                client.Close(0);
                upstream.Dispose();
                continue;
            }
            _open[client] = 0;
            _open[upstream] = 0;
            _ = PumpAsync(client, upstream, cancellationToken);
            _ = PumpAsync(upstream, client, cancellationToken);
        }
    }

    private async Task PumpAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    break;
                }
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            foreach (var socket in new[] { from, to })
            {
                try { socket.Close(0); } catch (ObjectDisposedException) { }
                _open.TryRemove(socket, out _);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        _cts?.Dispose();
        return ValueTask.CompletedTask;
    }
}
