using Dapr.AiProvider.Router.Switches;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Router.Admin;

/// <summary>Source-generated JSON for the admin API's own answers.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuditBody))]
[JsonSerializable(typeof(CircuitView[]))]
[JsonSerializable(typeof(ProviderView[]))]
[JsonSerializable(typeof(ProviderSwitch))]
[JsonSerializable(typeof(Auth.MeshApp[]))]
[JsonSerializable(typeof(MeshAppRequest))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;

/// <summary>One breaker as this replica sees it.</summary>
internal sealed record CircuitView(string Key, string State, int Failures, DateTimeOffset? NextRetryAt, string? Reason);

/// <summary>One provider of the catalog with its models and circuit.</summary>
internal sealed record ProviderView(string Provider, string[] Models, bool FreeTier, string Circuit, bool Enabled = true)
{
    /// <summary>The shared <c>provider_health:{provider}</c> record as of this replica's last sync.</summary>
    public Health.ProviderHealth? Health { get; init; }

    /// <summary>When an open provider circuit lets a trial request through.</summary>
    public DateTimeOffset? NextRetryAt { get; init; }
}

/// <summary>Answer of a provider enable/disable: the new state and the whole disabled set.</summary>
internal sealed record ProviderSwitch(string Provider, bool Enabled, string[] Disabled);
