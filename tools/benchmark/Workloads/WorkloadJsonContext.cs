using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Benchmark.Workloads;

[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(AgentCallLine))]
internal sealed partial class WorkloadJsonContext : JsonSerializerContext;
