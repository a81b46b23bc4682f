using System.Net;
using System.Net.Sockets;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>Builds the <see cref="AppChannel"/>: one long-lived handler to the app, and a task that completes when the app port accepts.</summary>
internal static partial class AppChannelFactory
{
    public static AppChannel Create(SidecarOptions options, IHostApplicationLifetime lifetime, ILogger logger)
    {
        var client = new HttpClient(CreateHandler(), disposeHandler: true)
        {
            BaseAddress = new Uri($"http://{FormatHost(options.AppChannelAddress)}:{options.AppPort}/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (options.AppApiToken is { } token)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("dapr-api-token", token);
        }
        var ready = options.AppPort == 0
            ? Task.CompletedTask
            : WaitForPortAsync(options, logger, lifetime.ApplicationStopping);
        return new AppChannel(client, new HttpMessageInvoker(CreateRelayHandler(), disposeHandler: true), ready);
    }

    /// <summary>
    /// For the invocation relay, which forwards <c>traceparent</c> itself (as daprd does): without a propagator the
    /// handler has no diagnostics layer (an Activity and header injection per call).
    /// </summary>
    public static SocketsHttpHandler CreateRelayHandler()
    {
        var handler = CreateHandler();
        handler.ActivityHeadersPropagator = null;
        return handler;
    }

    public static SocketsHttpHandler CreateHandler() => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        MaxConnectionsPerServer = int.MaxValue,
        EnableMultipleHttp2Connections = true,
    };

    private static string FormatHost(string address) =>
        IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address;

    private static async Task WaitForPortAsync(SidecarOptions options, ILogger logger, CancellationToken ct)
    {
        Log.WaitingForApp(logger, options.AppPort);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(options.AppChannelAddress, options.AppPort, ct);
                Log.AppPortOpen(logger, options.AppPort);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "waiting for app on port {Port}")]
        public static partial void WaitingForApp(ILogger logger, int port);

        [LoggerMessage(2, LogLevel.Information, "app is listening on port {Port}")]
        public static partial void AppPortOpen(ILogger logger, int port);
    }
}
