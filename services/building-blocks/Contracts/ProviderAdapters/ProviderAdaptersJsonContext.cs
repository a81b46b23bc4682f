using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Contracts.ProviderAdapters;

/// <summary>Source-generated serialisation for the provider-adapters additions to the contracts.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProviderHealthReport))]
public sealed partial class ProviderAdaptersJsonContext : JsonSerializerContext;
