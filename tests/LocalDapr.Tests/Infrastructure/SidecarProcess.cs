using System.Globalization;
using Dapr.AiProvider.TestInfrastructure;
using Dapr.Client;

namespace Dapr.AiProvider.LocalDapr.Tests.Infrastructure;

/// <summary>
/// One running sidecar for a test: a temp resources folder (default components on the given Redis plus
/// <see cref="SidecarSpec.ExtraResources"/>), the process, its endpoints and clients. Can be killed and
/// started again on the same ports and resources (crash/restart tests).
/// </summary>
public sealed class SidecarProcess : IAsyncDisposable
{
    private readonly string _redisAddress;
    private readonly List<HttpClient> _clients = [];
    private TestProcess _process;

    private SidecarProcess(SidecarSpec spec, string redisAddress, string directory, TestProcess process)
    {
        Spec = spec;
        _redisAddress = redisAddress;
        Directory = directory;
        _process = process;
    }

    public SidecarSpec Spec { get; }
    public string AppId => Spec.AppId;
    public int HttpPort => Spec.HttpPort!.Value;
    public int GrpcPort => Spec.GrpcPort!.Value;
    public string HttpEndpoint => $"http://127.0.0.1:{HttpPort}";
    public string GrpcEndpoint => $"http://127.0.0.1:{GrpcPort}";
    /// <summary>The temp folder holding resources/ (and config.yaml, secrets.json).</summary>
    public string Directory { get; }
    public string ResourcesPath => Path.Combine(Directory, "resources");
    public TestProcess Process => _process;
    public string Output => _process.Output;
    public bool HasExited => _process.HasExited;

    public static async Task<SidecarProcess> StartAsync(RedisServer redis, SidecarSpec spec) =>
        await StartAsync(redis.Address, spec);

    public static async Task<SidecarProcess> StartAsync(string redisAddress, SidecarSpec spec)
    {
        spec = spec with { HttpPort = spec.HttpPort ?? FreePort.Next(), GrpcPort = spec.GrpcPort ?? FreePort.Next() };
        var directory = Path.Combine(Path.GetTempPath(), "localdapr-tests", $"{spec.AppId}-{Guid.NewGuid():N}");
        WriteResources(directory, redisAddress, spec);
        var process = SidecarTarget.Start("sidecar " + spec.AppId, Arguments(spec, directory), spec.Env);
        var sidecar = new SidecarProcess(spec, redisAddress, directory, process);
        if (spec.WaitForOutbound)
        {
            await process.WaitForHttpAsync($"{sidecar.HttpEndpoint}/v1.0/healthz/outbound", TimeSpan.FromSeconds(30));
        }
        return sidecar;
    }

    /// <summary>Waits for <c>/v1.0/healthz</c> (components and app ready).</summary>
    public Task WaitForReadyAsync(TimeSpan? timeout = null) =>
        _process.WaitForHttpAsync($"{HttpEndpoint}/v1.0/healthz", timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>A DaprClient (the real SDK) aimed at this sidecar's HTTP and gRPC ports.</summary>
    public DaprClient CreateDaprClient(string? apiToken = null)
    {
        var builder = new DaprClientBuilder().UseHttpEndpoint(HttpEndpoint).UseGrpcEndpoint(GrpcEndpoint);
        if (apiToken is not null)
        {
            builder.UseDaprApiToken(apiToken);
        }
        return builder.Build();
    }

    /// <summary>A plain HttpClient whose base address is the sidecar's HTTP port (disposed with the sidecar).</summary>
    public HttpClient CreateHttpClient()
    {
        var client = new HttpClient { BaseAddress = new Uri(HttpEndpoint + "/"), Timeout = TimeSpan.FromSeconds(30) };
        _clients.Add(client);
        return client;
    }

    /// <summary>SIGKILL (a crash).</summary>
    public void Kill() => _process.Kill();

    /// <summary>SIGTERM and wait.</summary>
    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(10));

    /// <summary>Starts the process again with the same spec, ports and resources (after <see cref="Kill"/> or <see cref="StopAsync"/>).</summary>
    public async Task RestartAsync()
    {
        await _process.DisposeAsync();
        _process = SidecarTarget.Start("sidecar " + Spec.AppId, Arguments(Spec, Directory), Spec.Env);
        if (Spec.WaitForOutbound)
        {
            await _process.WaitForHttpAsync($"{HttpEndpoint}/v1.0/healthz/outbound", TimeSpan.FromSeconds(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        await _process.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static List<string> Arguments(SidecarSpec spec, string directory)
    {
        var args = new List<string>
        {
            "--app-id", spec.AppId,
            "--dapr-http-port", spec.HttpPort!.Value.ToString(CultureInfo.InvariantCulture),
            "--dapr-grpc-port", spec.GrpcPort!.Value.ToString(CultureInfo.InvariantCulture),
            "--resources-path", Path.Combine(directory, "resources"),
        };
        if (spec.AppPort > 0)
        {
            args.AddRange(["--app-port", spec.AppPort.ToString(CultureInfo.InvariantCulture)]);
        }
        if (spec.ConfigurationYaml is not null)
        {
            args.AddRange(["--config", Path.Combine(directory, "config.yaml")]);
        }
        args.AddRange(spec.ExtraArgs);
        return args;
    }

    private static void WriteResources(string directory, string redisAddress, SidecarSpec spec)
    {
        var resources = Path.Combine(directory, "resources");
        System.IO.Directory.CreateDirectory(resources);
        if (spec.DefaultComponents)
        {
            var secrets = Path.Combine(directory, "secrets.json");
            File.WriteAllText(secrets, DefaultResources.SecretsJson);
            File.WriteAllText(Path.Combine(resources, "statestore.yaml"), DefaultResources.StateStoreYaml(redisAddress));
            File.WriteAllText(Path.Combine(resources, "pubsub.yaml"), DefaultResources.PubSubYaml(redisAddress));
            File.WriteAllText(Path.Combine(resources, "secretstore.yaml"), DefaultResources.SecretStoreYaml(secrets));
        }
        foreach (var (name, content) in spec.ExtraResources)
        {
            File.WriteAllText(Path.Combine(resources, name), content);
        }
        if (spec.ConfigurationYaml is { } config)
        {
            File.WriteAllText(Path.Combine(directory, "config.yaml"), config);
        }
    }
}
