namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>
/// The sidecar's connection to its app (<c>http://{AppChannelAddress}:{AppPort}</c>), with
/// <c>dapr-api-token</c> added when APP_API_TOKEN is set. <see cref="Ready"/> completes once the
/// app port answers (daprd waits for it before subscriptions and actors start).
/// </summary>
public sealed class AppChannel(HttpClient client, HttpMessageInvoker relay, Task ready)
{
    public HttpClient Client { get; } = client;

    /// <summary>
    /// The same connection pool without HttpClient's per-call layer (a linked cancellation source, base address
    /// and default headers): the invocation relay sends absolute URIs from <see cref="BaseUrl"/> and adds the token itself.
    /// </summary>
    public HttpMessageInvoker Relay { get; } = relay;

    /// <summary>e.g. <c>http://127.0.0.1:5000/</c>.</summary>
    public string BaseUrl { get; } = client.BaseAddress?.ToString() ?? "";

    public Task Ready { get; } = ready;
}
