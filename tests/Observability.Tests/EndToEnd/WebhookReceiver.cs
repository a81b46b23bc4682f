using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Dapr.AiProvider.Quota.Alerts;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.Observability.Tests.EndToEnd;

/// <summary>One POST the alert webhook received: its body and signature headers.</summary>
public sealed record WebhookDelivery(byte[] Body, long Timestamp, string Signature);

/// <summary>An operator's webhook endpoint: records every POST and answers 204.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "observe-webhook-secret-0123456789";

    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<WebhookDelivery> _deliveries = new();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        Url = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/hooks/quota/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }
    public IReadOnlyCollection<WebhookDelivery> Deliveries => _deliveries;

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try { await _loop; } catch (HttpListenerException) { } catch (ObjectDisposedException) { }
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var timestamp = long.TryParse(context.Request.Headers[WebhookSignature.TimestampHeader], NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) ? t : 0;
            _deliveries.Enqueue(new WebhookDelivery(body.ToArray(), timestamp, context.Request.Headers[WebhookSignature.SignatureHeader] ?? ""));
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }
}
