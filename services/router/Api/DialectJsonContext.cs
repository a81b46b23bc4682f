using System.Text.Json.Serialization;
using Dapr.AiProvider.Router.Api.Anthropic;
using Dapr.AiProvider.Router.Api.Responses;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Api;

/// <summary>Source-generated JSON for the other client dialects the router speaks (Anthropic Messages, OpenAI Responses).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AnthropicRequest))]
[JsonSerializable(typeof(AnthropicMessageResponse))]
[JsonSerializable(typeof(AnthropicTokenCount))]
[JsonSerializable(typeof(AnthropicErrorEnvelope))]
[JsonSerializable(typeof(ResponsesRequest))]
internal sealed partial class DialectJsonContext : JsonSerializerContext;
