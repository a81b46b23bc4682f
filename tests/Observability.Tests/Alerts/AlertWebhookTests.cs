using System.Net;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Quota.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Observability.Tests.Alerts;

public sealed class AlertWebhookTests
{
    private const string Secret = "webhook-secret-0123456789";

    private static readonly QuotaAlertRaised Alert = new()
    {
        Scope = "team:qa",
        Rule = new QuotaRule { Metric = QuotaMetric.CostMicros, Period = QuotaPeriod.Month, Limit = 5_000_000 },
        Threshold = 0.8,
        Used = 4_000_000,
        WindowStart = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
        RaisedAt = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public async Task DeliverAsync_ReceiverFailsTwice_RetriesAndDeliversASignedJsonPost()
    {
        var receiver = new ScriptedReceiver(HttpStatusCode.ServiceUnavailable, HttpStatusCode.InternalServerError, HttpStatusCode.NoContent);
        var webhook = Create(receiver, new AlertWebhookOptions { WebhookUrl = new Uri("http://alerts.example/hook"), WebhookSecret = Secret, RetryDelay = TimeSpan.Zero });

        var delivered = await webhook.DeliverAsync(Alert, CancellationToken.None);

        Assert.True(delivered);
        Assert.Equal(3, receiver.Requests.Count);
        var last = receiver.Requests[^1];
        Assert.Equal(HttpMethod.Post, last.Method);
        Assert.Equal("application/json", last.ContentType);
        Assert.True(WebhookSignature.Verify(Secret, last.Timestamp, last.Body, last.Signature), last.Signature);
        using var json = JsonDocument.Parse(last.Body);
        Assert.Equal("team:qa", json.RootElement.GetProperty("scope").GetString());
        Assert.Equal(0.8, json.RootElement.GetProperty("threshold").GetDouble());
        Assert.Equal("cost", json.RootElement.GetProperty("rule").GetProperty("metric").GetString());
    }

    [Fact]
    public async Task DeliverAsync_ReceiverAlwaysFails_GivesUpAfterTheConfiguredAttempts()
    {
        var receiver = new ScriptedReceiver(HttpStatusCode.BadGateway);
        var webhook = Create(receiver, new AlertWebhookOptions { WebhookUrl = new Uri("http://alerts.example/hook"), WebhookSecret = Secret, Attempts = 4, RetryDelay = TimeSpan.Zero });

        var delivered = await webhook.DeliverAsync(Alert, CancellationToken.None);

        Assert.False(delivered);
        Assert.Equal(4, receiver.Requests.Count);
    }

    [Fact]
    public async Task DeliverAsync_NoWebhookConfigured_SucceedsWithoutSending()
    {
        var receiver = new ScriptedReceiver(HttpStatusCode.OK);
        var webhook = Create(receiver, new AlertWebhookOptions());

        Assert.True(await webhook.DeliverAsync(Alert, CancellationToken.None));
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public void Verify_BodyChanged_Fails()
    {
        var body = "{\"scope\":\"team:qa\"}"u8.ToArray();
        var signature = WebhookSignature.Compute(Secret, 1_796_000_000, body);

        Assert.True(WebhookSignature.Verify(Secret, 1_796_000_000, body, signature));
        Assert.False(WebhookSignature.Verify(Secret, 1_796_000_000, "{\"scope\":\"team:ops\"}"u8, signature));
        Assert.False(WebhookSignature.Verify(Secret, 1_796_000_001, body, signature));
        Assert.StartsWith("sha256=", signature, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://alerts.example/hook", null, "WebhookSecret")]
    [InlineData("http://alerts.example/hook", "short", "WebhookSecret")]
    [InlineData("ftp://alerts.example/hook", Secret, "http(s)")]
    public void Validator_BadSettings_NameTheProblem(string url, string? secret, string expected)
    {
        var result = new AlertWebhookOptionsValidator().Validate(null, new AlertWebhookOptions { WebhookUrl = new Uri(url), WebhookSecret = secret });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    private static AlertWebhook Create(ScriptedReceiver receiver, AlertWebhookOptions options)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(AlertWebhook.ClientName).ConfigurePrimaryHttpMessageHandler(() => receiver);
        var provider = services.BuildServiceProvider();
        return new AlertWebhook(provider.GetRequiredService<IHttpClientFactory>(), Options.Create(options), TimeProvider.System,
            NullLogger<AlertWebhook>.Instance);
    }

    private sealed record Received(HttpMethod Method, string? ContentType, byte[] Body, long Timestamp, string Signature);

    /// <summary>Answers with the scripted statuses in turn (the last one repeats) and records each request.</summary>
    private sealed class ScriptedReceiver(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        public List<Received> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            Requests.Add(new Received(request.Method, request.Content.Headers.ContentType?.MediaType, body,
                long.Parse(request.Headers.GetValues(WebhookSignature.TimestampHeader).Single(), System.Globalization.CultureInfo.InvariantCulture),
                request.Headers.GetValues(WebhookSignature.SignatureHeader).Single()));
            return new HttpResponseMessage(statuses[Math.Min(Requests.Count - 1, statuses.Length - 1)]);
        }
    }
}
