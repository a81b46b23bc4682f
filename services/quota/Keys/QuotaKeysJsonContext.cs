using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Quota.Keys;

/// <summary>Source-generated JSON for the key API's responses.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreatedKey))]
[JsonSerializable(typeof(ApiKeyInfo))]
[JsonSerializable(typeof(IReadOnlyList<ApiKeyInfo>))]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(VerifyKeyRequest))]
[JsonSerializable(typeof(LastUsedRequest))]
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(KeyUsageReport))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string))]
internal sealed partial class QuotaKeysJsonContext : JsonSerializerContext;
