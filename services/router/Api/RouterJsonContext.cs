using System.Text.Json.Serialization;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.Router.Api;

/// <summary>Source-generated JSON for everything the router reads and writes on the hot path.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OpenAiErrorEnvelope))]
[JsonSerializable(typeof(TaskRequest))]
[JsonSerializable(typeof(TaskResponse))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ModelEntry))]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(ChatCompletionChunk))]
internal sealed partial class RouterJsonContext : JsonSerializerContext;
