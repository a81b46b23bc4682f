using System.Text.Json.Serialization;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Contracts.Embeddings;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Contracts.Usage;

namespace Dapr.AiProvider.Contracts;

/// <summary>Source-generated serialisation for every contract type (no reflection on the hot path).</summary>
/// <remarks>
/// Contract properties use <c>set</c>, never <c>init</c>. The source generator deserialises a type with init-only
/// properties through its parameterized-constructor path: every object then costs an argument array, its value-type
/// members boxed, and an <c>ArgumentState</c> — a third slower and a quarter more allocation than setters
/// (docs/benchmarks-peer.md, "Init-only contracts"), on every hop of every request. It also assigns every init-only
/// property in its object initializer, so a field missing from the JSON would become null/false instead of keeping
/// its default (a hard quota rule turning soft, for one).
/// </remarks>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(AdapterChatRequest))]
[JsonSerializable(typeof(AdapterChatResult))]
[JsonSerializable(typeof(AdapterUsageReport))]
[JsonSerializable(typeof(AdapterError))]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(AdapterEmbeddingRequest))]
[JsonSerializable(typeof(AdapterEmbeddingResult))]
[JsonSerializable(typeof(ModelCatalog))]
[JsonSerializable(typeof(UsageRecorded))]
[JsonSerializable(typeof(UsageBatch))]
[JsonSerializable(typeof(RoutingExplanation))]
[JsonSerializable(typeof(LeaseRequest))]
[JsonSerializable(typeof(LeaseGrant))]
[JsonSerializable(typeof(LeaseSettlement))]
[JsonSerializable(typeof(QuotaLimits))]
[JsonSerializable(typeof(QuotaStatus))]
[JsonSerializable(typeof(BenchRequest))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
