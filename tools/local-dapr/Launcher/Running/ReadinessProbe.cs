using System.Net.Sockets;
using Dapr.AiProvider.LocalDapr.Launcher.RunFile;

namespace Dapr.AiProvider.LocalDapr.Launcher.Running;

/// <summary>An app is ready when its sidecar's <c>/v1.0/healthz/outbound</c> answers 2xx and its app port accepts.</summary>
internal sealed class ReadinessProbe(HttpClient http)
{
    public async Task<bool> IsReadyAsync(AppPlan app, CancellationToken ct) =>
        await SidecarReadyAsync(app.DaprHttpPort, ct).ConfigureAwait(false)
        && (app.AppPort is not { } port || await AcceptsAsync(app.AppChannelAddress, port, ct).ConfigureAwait(false));

    private async Task<bool> SidecarReadyAsync(int port, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/v1.0/healthz/outbound"), ct).ConfigureAwait(false);
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
