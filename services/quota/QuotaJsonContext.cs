using System.Text.Json;
using System.Text.Json.Serialization;
using Dapr.AiProvider.Quota.Api;
using Dapr.AiProvider.Quota.Ingestion;

namespace Dapr.AiProvider.Quota;

/// <summary>
/// Source-generated JSON for what the quota service writes. Request bodies with defaulted init-only
/// members (QuotaLimits, QuotaRule, QuotaStatus) are deliberately left to the reflection
/// resolver: generated deserialisers reset omitted init-only members to default (Hard = false, TimeZone = null).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TopicStatus))]
[JsonSerializable(typeof(Dapr.AiProvider.Contracts.Quota.QuotaAlertRaised))]
[JsonSerializable(typeof(Alerts.AlertList))]
[JsonSerializable(typeof(UsageReport))]
[JsonSerializable(typeof(TopConsumersReport))]
[JsonSerializable(typeof(CacheHitRate))]
[JsonSerializable(typeof(IReadOnlyList<DecisionRecord>))]
[JsonSerializable(typeof(ConsoleOverview))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Http.HttpValidationProblemDetails))]
internal sealed partial class QuotaJsonContext : JsonSerializerContext;
