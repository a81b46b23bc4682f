using System.Globalization;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.Router.Tests.EndToEnd;

/// <summary>The local Dapr sidecar (tools/local-dapr) as a real process with statestore + pubsub on a test Redis.</summary>
public sealed class LocalSidecar : IAsyncDisposable
{
    private readonly TestProcess _process;
    private readonly string _directory;

    private LocalSidecar(TestProcess process, string directory, int httpPort, int grpcPort)
    {
        _process = process;
        _directory = directory;
        HttpPort = httpPort;
        GrpcPort = grpcPort;
    }

    public int HttpPort { get; }
    public int GrpcPort { get; }
    public string Output => _process.Output;

    /// <summary>
    /// <paramref name="appApiToken"/>: sent to the app as <c>dapr-api-token</c> (daprd's APP_API_TOKEN).
    /// <paramref name="socketDirectory"/>: the API listens on Unix domain sockets there (<c>--unix-domain-socket</c>), not on its ports.
    /// </summary>
    public static async Task<LocalSidecar> StartAsync(string appId, int appPort, RedisServer redis, string? appApiToken = null, string? socketDirectory = null)
    {
        var (http, grpc) = (FreePort.Next(), FreePort.Next());
        var directory = Path.Combine(Path.GetTempPath(), "router-tests", $"{appId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "statestore.yaml"), Component("statestore", "state.redis", redis.Address, actorStore: true));
        await File.WriteAllTextAsync(Path.Combine(directory, "pubsub.yaml"), Component("pubsub", "pubsub.redis", redis.Address, actorStore: false));
        var args = new List<string>
        {
            "--app-id", appId,
            "--dapr-http-port", http.ToString(CultureInfo.InvariantCulture),
            "--dapr-grpc-port", grpc.ToString(CultureInfo.InvariantCulture),
            "--resources-path", directory,
        };
        if (appPort > 0)
        {
            args.AddRange(["--app-port", appPort.ToString(CultureInfo.InvariantCulture)]);
        }
        if (socketDirectory is not null)
        {
            args.AddRange(["--unix-domain-socket", socketDirectory]);
        }
        var env = appApiToken is null ? null : new Dictionary<string, string> { ["APP_API_TOKEN"] = appApiToken };
        var process = TestProcess.StartDotnet("sidecar " + appId, RepoPaths.Dll("tools/local-dapr/Sidecar", "LocalDapr.Sidecar"), args, env);
        if (socketDirectory is null)
        {
            await process.WaitForHttpAsync($"http://127.0.0.1:{http}/v1.0/healthz/outbound", TimeSpan.FromSeconds(30));
        }
        else
        {
            await UnixSocketHttp.WaitForAsync($"{socketDirectory}/dapr-{appId}-http.socket", "v1.0/healthz/outbound", TimeSpan.FromSeconds(30), () => process.Output);
        }
        return new LocalSidecar(process, directory, http, grpc);
    }

    private static string Component(string name, string type, string redisAddress, bool actorStore) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: {type}
          version: v1
          metadata:
          - name: redisHost
            value: {redisAddress}
        {(actorStore ? "  - name: actorStateStore\n    value: \"true\"\n" : "")}
        """;

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
