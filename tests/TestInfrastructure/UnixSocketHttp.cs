using System.Net.Sockets;

namespace Dapr.AiProvider.TestInfrastructure;

/// <summary>HTTP (and gRPC) clients that connect to a Unix domain socket, whatever host the request names.</summary>
public static class UnixSocketHttp
{
    public static SocketsHttpHandler Handler(string socketPath) => new()
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>A client for <c>http://localhost/…</c> over the socket.</summary>
    public static HttpClient Client(string socketPath) =>
        new(Handler(socketPath)) { BaseAddress = new Uri("http://localhost/"), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Polls <paramref name="path"/> over the socket until it answers 2xx, or throws after <paramref name="timeout"/>.</summary>
    public static async Task WaitForAsync(string socketPath, string path, TimeSpan timeout, Func<string>? output = null)
    {
        using var http = Client(socketPath);
        http.Timeout = TimeSpan.FromSeconds(2);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{socketPath}{path} did not answer within {timeout}:\n{output?.Invoke()}");
    }
}
