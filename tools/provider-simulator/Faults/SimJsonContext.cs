using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.ProviderSimulator.Faults;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(FaultRequest))]
[JsonSerializable(typeof(FaultView))]
[JsonSerializable(typeof(FaultList))]
[JsonSerializable(typeof(RequestCounts))]
[JsonSerializable(typeof(LimitList))]
[JsonSerializable(typeof(LimitSwitch))]
[JsonSerializable(typeof(ControlError))]
internal sealed partial class SimJsonContext : JsonSerializerContext;
