using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Quota.Alerts;

/// <summary>
/// Where quota alerts are pushed (section <c>Quota:Alerts</c>, e.g. <c>Quota__Alerts__WebhookUrl</c>). No URL: alerts
/// are only kept in the ledger and listed by <c>GET /admin/alerts</c>.
/// </summary>
internal sealed class AlertWebhookOptions
{
    public const string Section = "Quota:Alerts";

    /// <summary>Receives one JSON POST per alert (the <c>QuotaAlertRaised</c> event).</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Key of the <c>X-AiProvider-Signature</c> HMAC-SHA256 (required with a URL, 16 characters or more).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Attempts per delivery before the event is handed back to Dapr for redelivery.</summary>
    [Range(1, 10)] public int Attempts { get; set; } = 3;

    /// <summary>First pause between attempts; doubles after each.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")] public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")] public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Range checks of <c>Quota:Alerts</c>, generated from the data annotations.</summary>
[OptionsValidator]
internal sealed partial class AlertWebhookOptionsRangeValidator : IValidateOptions<AlertWebhookOptions>;

/// <summary>The ranges plus the checks across fields; every problem is listed at start.</summary>
internal sealed class AlertWebhookOptionsValidator : IValidateOptions<AlertWebhookOptions>
{
    private readonly AlertWebhookOptionsRangeValidator _ranges = new();

    public ValidateOptionsResult Validate(string? name, AlertWebhookOptions options)
    {
        var errors = new List<string>();
        var ranges = _ranges.Validate(name, options);
        if (ranges.Failed)
        {
            errors.AddRange(ranges.Failures);
        }
        if (options.WebhookUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            errors.Add($"{AlertWebhookOptions.Section}:WebhookUrl must be an http(s) URL.");
        }
        if (options.WebhookUrl is not null && (options.WebhookSecret?.Length ?? 0) < 16)
        {
            errors.Add($"{AlertWebhookOptions.Section}:WebhookSecret must be set (16 characters or more) when a webhook URL is.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
