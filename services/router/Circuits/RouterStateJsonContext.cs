using System.Text.Json.Serialization;
using Dapr.AiProvider.Router.Caching;

namespace Dapr.AiProvider.Router.Circuits;

/// <summary>Source-generated JSON for what the router keeps in the state store.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CircuitState))]
[JsonSerializable(typeof(CachedCompletion))]
internal sealed partial class RouterStateJsonContext : JsonSerializerContext;
