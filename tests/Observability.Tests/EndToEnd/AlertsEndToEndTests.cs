using System.Net;
using System.Text.Json;
using Dapr.AiProvider.Quota.Alerts;

namespace Dapr.AiProvider.Observability.Tests.EndToEnd;

/// <summary>Quota alerts leave the gateway: the signed webhook and <c>GET /admin/alerts</c>, on the running stack.</summary>
[Collection(ObservedStackCollection.Name)]
[Trait("Category", "Process")]
public sealed class AlertsEndToEndTests(ObservedStack stack)
{
    [Fact]
    public async Task Webhook_TeamBudgetOverrun_ReceivesSignedAlertsForTheScope()
    {
        var traffic = await stack.TrafficAsync();
        bool IsOverrun(WebhookDelivery d) => ScopeOf(d) == traffic.BudgetScope;

        var until = DateTime.UtcNow.AddSeconds(60);
        while (!stack.Webhook.Deliveries.Any(IsOverrun) && DateTime.UtcNow < until)
        {
            await Task.Delay(500);
        }

        var delivery = stack.Webhook.Deliveries.FirstOrDefault(IsOverrun);
        Assert.True(delivery is not null, $"{stack.Webhook.Deliveries.Count} deliveries, none for " + traffic.BudgetScope);
        Assert.True(WebhookSignature.Verify(WebhookReceiver.Secret, delivery.Timestamp, delivery.Body, delivery.Signature), delivery.Signature);
        using var json = JsonDocument.Parse(delivery.Body);
        Assert.Equal("requests", json.RootElement.GetProperty("rule").GetProperty("metric").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("rule").GetProperty("limit").GetInt64());
        Assert.Contains(json.RootElement.GetProperty("threshold").GetDouble(), new[] { 0.5, 0.8, 1.0 });
    }

    [Fact]
    public async Task AdminAlerts_AfterOverrun_ListsTheScopesAlertsNewestFirst()
    {
        var traffic = await stack.TrafficAsync();

        JsonDocument? list = null;
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            using var response = await stack.Client.GetAsync("/admin/alerts?scope=" + Uri.EscapeDataString(traffic.BudgetScope));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            list = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (list.RootElement.GetProperty("alerts").GetArrayLength() >= 3)
            {
                break;
            }
            await Task.Delay(500);
        }

        var alerts = list!.RootElement.GetProperty("alerts").EnumerateArray().ToList();
        Assert.Equal([1.0, 0.8, 0.5], alerts.Select(a => a.GetProperty("threshold").GetDouble()).OrderDescending());
        Assert.All(alerts, a => Assert.Equal(traffic.BudgetScope, a.GetProperty("scope").GetString()));
        Assert.All(alerts, a => Assert.Equal(2, a.GetProperty("limit").GetInt64()));
        var raised = alerts.Select(a => a.GetProperty("raisedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(raised.OrderByDescending(r => r), raised);
    }

    [Fact]
    public async Task AdminAlerts_LimitOutOfRange_IsAProblemDetails400()
    {
        using var response = await stack.Client.GetAsync("/admin/alerts?limit=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AdminAlerts_WithoutAdminKey_IsRefused()
    {
        using var anonymous = new HttpClient { BaseAddress = stack.RouterUrl };

        using var response = await anonymous.GetAsync("/admin/alerts");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static string? ScopeOf(WebhookDelivery delivery)
    {
        using var json = JsonDocument.Parse(delivery.Body);
        return json.RootElement.GetProperty("scope").GetString();
    }
}
