using System.Text.Json.Serialization;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Contracts.Usage;

namespace Dapr.AiProvider.Contracts;

/// <summary>Source-generated serialisation for every contract type (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(AdapterChatRequest))]
[JsonSerializable(typeof(AdapterChatResult))]
[JsonSerializable(typeof(AdapterUsageReport))]
[JsonSerializable(typeof(AdapterError))]
[JsonSerializable(typeof(ModelCatalog))]
[JsonSerializable(typeof(UsageRecorded))]
[JsonSerializable(typeof(LeaseRequest))]
[JsonSerializable(typeof(LeaseGrant))]
[JsonSerializable(typeof(LeaseSettlement))]
[JsonSerializable(typeof(QuotaLimits))]
[JsonSerializable(typeof(QuotaStatus))]
[JsonSerializable(typeof(BenchRequest))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
