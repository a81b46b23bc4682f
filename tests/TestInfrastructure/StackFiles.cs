using System.Text.Json;

namespace Dapr.AiProvider.TestInfrastructure;

/// <summary>
/// Writes a run file and resources for one stack: the repository's own components and dapr.yaml,
/// with only addresses changed (Redis, ports, the secrets file), so end-to-end tests and benchmarks exercise
/// the files users run.
/// </summary>
public static class StackFiles
{
    public static string Write(string dir, string redisAddress, string ledgerConnectionString, StackPorts ports)
    {
        var components = Directory.CreateDirectory(Path.Combine(dir, "components")).FullName;
        var secretsFile = Path.Combine(dir, "secrets.json");
        File.WriteAllText(secretsFile, JsonSerializer.Serialize(
            new Dictionary<string, string>
            {
                ["ledger-connection-string"] = ledgerConnectionString,
                ["api-key-pepper"] = "stack-pepper-" + Guid.NewGuid().ToString("N"),
            }));

        foreach (var source in Directory.GetFiles(Path.Combine(RepoPaths.Root, "components"), "*.yaml"))
        {
            var text = File.ReadAllText(source)
                .Replace("localhost:6379", redisAddress, StringComparison.Ordinal)
                .Replace("../../.local/secrets.json", secretsFile, StringComparison.Ordinal)
                // conversation.yaml: the agents' conversation component calls this stack's router.
                .Replace("http://127.0.0.1:8080/v1", $"http://127.0.0.1:{ports.Router}/v1", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(components, Path.GetFileName(source)), text);
        }

        var runFile = File.ReadAllText(Path.Combine(RepoPaths.Root, "dapr.yaml"))
            .Replace("./components/config.yaml", Path.Combine(components, "config.yaml"), StringComparison.Ordinal)
            .Replace("- ./components", "- " + components, StringComparison.Ordinal)
            .Replace("./services/", Path.Combine(RepoPaths.Root, "services") + "/", StringComparison.Ordinal);
        runFile = ReplacePorts(runFile, "8080", ports.Router, "3500", ports.RouterHttp, "50001", ports.RouterGrpc);
        runFile = ReplacePorts(runFile, "5200", ports.Quota, "3501", ports.QuotaHttp, "50002", ports.QuotaGrpc);
        runFile = ReplacePorts(runFile, "5300", ports.Adapters, "3502", ports.AdaptersHttp, "50003", ports.AdaptersGrpc);
        var path = Path.Combine(dir, "dapr.yaml");
        File.WriteAllText(path, runFile);
        return path;
    }

    private static string ReplacePorts(string text, string app, int appPort, string http, int httpPort, string grpc, int grpcPort) =>
        text.Replace($"appPort: {app}", $"appPort: {appPort}", StringComparison.Ordinal)
            .Replace($"127.0.0.1:{app}", $"127.0.0.1:{appPort}", StringComparison.Ordinal)
            .Replace($"daprHTTPPort: {http}", $"daprHTTPPort: {httpPort}", StringComparison.Ordinal)
            .Replace($"daprGRPCPort: {grpc}", $"daprGRPCPort: {grpcPort}", StringComparison.Ordinal);
}
