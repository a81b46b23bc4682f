using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

using Dapr.AiProvider.Contracts.Quota;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Quota.Alerts;

/// <summary>
/// Pushes one alert to the configured webhook: a signed JSON POST, retried with doubling pauses; when every attempt
/// fails the caller answers RETRY so the sidecar redelivers it later (resiliency policy of the pub/sub component).
/// The body is the event as published, so the receiver can dedupe on (scope, rule, threshold, windowStart).
/// </summary>
internal sealed partial class AlertWebhook(IHttpClientFactory clients, IOptions<AlertWebhookOptions> options, TimeProvider time,
    ILogger<AlertWebhook> logger)
{
    public const string ClientName = "quota-alert-webhook";

    public bool Enabled => options.Value.WebhookUrl is not null;

    /// <returns>True once the receiver answered 2xx (or when no webhook is configured).</returns>
    public async Task<bool> DeliverAsync(QuotaAlertRaised alert, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.WebhookUrl is not { } url)
        {
            return true;
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(alert, QuotaJsonContext.Default.QuotaAlertRaised);
        var pause = settings.RetryDelay;
        for (var attempt = 1; attempt <= settings.Attempts; attempt++)
        {
            var failure = await TrySendAsync(url, body, settings, cancellationToken);
            if (failure is null)
            {
                Log.Delivered(logger, alert.Scope, alert.Threshold, attempt);
                return true;
            }
            Log.AttemptFailed(logger, alert.Scope, attempt, settings.Attempts, failure);
            if (attempt < settings.Attempts)
            {
                await Task.Delay(pause, time, cancellationToken);
                pause *= 2;
            }
        }
        return false;
    }

    /// <returns>Null on a 2xx answer, else what went wrong (status or exception type; never the URL's secrets).</returns>
    private async Task<string?> TrySendAsync(Uri url, byte[] body, AlertWebhookOptions settings, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(settings.WebhookSecret!, timestamp, body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode ? null : "status " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return ex.GetType().Name;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1701, LogLevel.Information, "Quota alert for {Scope} at {Threshold:P0} delivered to the webhook (attempt {Attempt})")]
        public static partial void Delivered(ILogger logger, string scope, double threshold, int attempt);

        [LoggerMessage(1702, LogLevel.Warning, "Quota alert webhook for {Scope} failed, attempt {Attempt} of {Attempts} ({Failure})")]
        public static partial void AttemptFailed(ILogger logger, string scope, int attempt, int attempts, string failure);
    }
}
