using Dapr.AiProvider.Quota.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Quota.Tests.Alerts;

/// <summary><c>Quota:Alerts</c> follows the services' one options idiom: generated range checks plus cross-field checks, at start.</summary>
public sealed class AlertWebhookOptionsTests
{
    [Fact]
    public void Start_InvalidAlertSettings_StopsNamingEverySetting()
    {
        using var factory = new QuotaAppFactory("Host=127.0.0.1;Database=unused", b =>
        {
            b.UseSetting("Quota:Alerts:WebhookUrl", "not-a-url");
            b.UseSetting("Quota:Alerts:Attempts", "0");
            b.UseSetting("Quota:Alerts:Timeout", "00:00:00");
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Equal(typeof(Dapr.AiProvider.Quota.Alerts.AlertWebhookOptions), error.OptionsType);
        Assert.Contains(error.Failures, f => f.Contains("Quota:Alerts:WebhookUrl must be an http(s) URL", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Quota:Alerts:WebhookSecret must be set", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Attempts", StringComparison.Ordinal) && f.Contains("between 1 and 10", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Timeout", StringComparison.Ordinal));
    }
}
