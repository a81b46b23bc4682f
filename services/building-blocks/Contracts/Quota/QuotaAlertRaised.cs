using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Contracts.Quota;

/// <summary>
/// Published by the quota service on topic <see cref="DaprNames.Topics.QuotaAlerts"/> when a scope's
/// window crosses an alert threshold (once per threshold per window).
/// </summary>
public sealed record QuotaAlertRaised
{
    [JsonPropertyName("scope")] public string Scope { get; set; } = "";
    [JsonPropertyName("rule")] public QuotaRule Rule { get; set; } = new();
    /// <summary>The crossed threshold as a fraction of the limit (e.g. 0.8).</summary>
    [JsonPropertyName("threshold")] public double Threshold { get; set; }
    [JsonPropertyName("used")] public long Used { get; set; }
    [JsonPropertyName("windowStart")] public DateTimeOffset WindowStart { get; set; }
    [JsonPropertyName("resetsAt")] public DateTimeOffset ResetsAt { get; set; }
    [JsonPropertyName("raisedAt")] public DateTimeOffset RaisedAt { get; set; }
}
