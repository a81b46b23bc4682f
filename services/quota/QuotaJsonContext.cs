using System.Text.Json;
using System.Text.Json.Serialization;
using Dapr.AiProvider.Quota.Api;
using Dapr.AiProvider.Quota.Ingestion;

namespace Dapr.AiProvider.Quota;

/// <summary>
/// Source-generated JSON for what the quota service writes. Its request bodies (QuotaLimits, QuotaRule, QuotaStatus)
/// are read by the reflection resolver, chosen when those records still had init-only members, which generated
/// deserialisers reset to default when omitted (Hard = false, TimeZone = null); contracts use setters now
/// (ContractsJsonContext says why), so either resolver keeps their defaults.
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
