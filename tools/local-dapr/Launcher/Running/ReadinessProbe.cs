using System.Net.Sockets;
using Dapr.AiProvider.LocalDapr.Launcher.RunFile;

namespace Dapr.AiProvider.LocalDapr.Launcher.Running;

/// <summary>An app is ready when its sidecar's <c>/v1.0/healthz/outbound</c> answers 2xx and its app port accepts.</summary>
internal sealed class ReadinessProbe(HttpClient http)
{
    public async Task<bool> IsReadyAsync(AppPlan app, CancellationToken ct) =>
        await SidecarReadyAsync(app, ct).ConfigureAwait(false)
        && (app.AppPort is not { } port || await AcceptsAsync(app.AppChannelAddress, port, ct).ConfigureAwait(false));

    /// <summary>On the HTTP port, or on the HTTP socket when the API listens there (as the CLI then checks the socket).</summary>
    private async Task<bool> SidecarReadyAsync(AppPlan app, CancellationToken ct)
    {
        try
        {
            if (app.SocketPath("http") is { } socket)
            {
                using var overSocket = new HttpClient(UnixSocketHandler(socket)) { Timeout = http.Timeout };
                using var onSocket = await overSocket.GetAsync(new Uri("http://localhost/v1.0/healthz/outbound"), ct).ConfigureAwait(false);
                return onSocket.IsSuccessStatusCode;
            }

            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{app.DaprHttpPort}/v1.0/healthz/outbound"), ct).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private static SocketsHttpHandler UnixSocketHandler(string path) => new()
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private static async Task<bool> AcceptsAsync(string host, int port, CancellationToken ct)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
