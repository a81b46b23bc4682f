using System.Globalization;
using Dapr.AiProvider.Quota.Alerts;

namespace Dapr.AiProvider.Observability.Tests.EndToEnd;

/// <summary>One POST the alert webhook received: its body and signature headers.</summary>
public sealed record WebhookDelivery(byte[] Body, long Timestamp, string Signature);

/// <summary>An operator's webhook endpoint: records every POST and answers 204.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "observe-webhook-secret-0123456789";

    private readonly HttpReceiver<WebhookDelivery> _http = new("/hooks/quota/", 204, contentType: null, (request, body) =>
    [
        new WebhookDelivery(body,
            long.TryParse(request.Headers[WebhookSignature.TimestampHeader], NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) ? t : 0,
            request.Headers[WebhookSignature.SignatureHeader] ?? ""),
    ]);

    public string Url => _http.Url;
    public IReadOnlyCollection<WebhookDelivery> Deliveries => _http.Received;

    public ValueTask DisposeAsync() => _http.DisposeAsync();
}
