namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>
/// The sidecar's connection to its app (<c>http://{AppChannelAddress}:{AppPort}</c>), with
/// <c>dapr-api-token</c> added when APP_API_TOKEN is set. <see cref="Ready"/> completes once the
/// app port answers (daprd waits for it before subscriptions and actors start).
/// </summary>
public sealed class AppChannel(HttpClient client, Task ready)
{
    public HttpClient Client { get; } = client;
    public Task Ready { get; } = ready;
}
