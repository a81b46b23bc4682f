using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.Components;

/// <summary>Resource files: bad ones stop the sidecar naming file and field; scopes, secretKeyRef and Configuration features are honoured.</summary>
[Trait("Category", "Process")]
public sealed class ComponentLoadingTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task MalformedYaml_ExitsNonZeroNamingTheFile()
    {
        var output = await StartExpectingExitAsync("broken.yaml", "apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata: [unclosed\n");

        Assert.Contains("broken.yaml", output);
        Assert.Contains("malformed YAML", output);
    }

    [Fact]
    public async Task UnknownComponentType_ExitsNonZeroNamingFileAndField()
    {
        var output = await StartExpectingExitAsync("mongo.yaml", """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: docs
            spec:
              type: state.mongodb
              version: v1
            """);

        Assert.Contains("mongo.yaml", output);
        Assert.Contains("spec.type 'state.mongodb'", output);
    }

    [Fact]
    public async Task Scopes_ComponentForOtherAppIsNotLoaded()
    {
        await using var sidecar = await SidecarProcess.StartAsync(_redis, new SidecarSpec("scoped")
        {
            ExtraResources = new Dictionary<string, string>
            {
                ["mine.yaml"] = Store("mine", _redis.Address) + "scopes:\n- scoped\n",
                ["theirs.yaml"] = Store("theirs", _redis.Address) + "scopes:\n- someone-else\n",
            },
        });
        using var client = sidecar.CreateDaprClient();

        var names = (await client.GetMetadataAsync()).Components.Select(c => c.Name).ToList();

        Assert.Contains("mine", names);
        Assert.DoesNotContain("theirs", names);
    }

    [Fact]
    public async Task SecretKeyRef_ResolvedFromAuthSecretStore()
    {
        var yaml = $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: from-secret
            spec:
              type: state.redis
              version: v1
              metadata:
              - name: redisHost
                secretKeyRef:
                  name: redis-host
                  key: redis-host
            auth:
              secretStore: envsecrets
            """;
        const string envStore = """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: envsecrets
            spec:
              type: secretstores.local.env
              version: v1
            """;
        await using var sidecar = await SidecarProcess.StartAsync(_redis, new SidecarSpec("secretref")
        {
            Env = new Dictionary<string, string> { ["redis-host"] = _redis.Address },
            ExtraResources = new Dictionary<string, string> { ["a.yaml"] = yaml, ["env.yaml"] = envStore },
        });
        using var client = sidecar.CreateDaprClient();

        await client.SaveStateAsync("from-secret", "k", "v");

        Assert.Equal("v", await client.GetStateAsync<string>("from-secret", "k"));
    }

    [Fact]
    public async Task ConfigurationFeatures_ReportedAsEnabledFeatures()
    {
        await using var sidecar = await SidecarProcess.StartAsync(_redis, new SidecarSpec("configured")
        {
            ConfigurationYaml = """
                apiVersion: dapr.io/v1alpha1
                kind: Configuration
                metadata:
                  name: appconfig
                spec:
                  features:
                  - name: ActorStateTTL
                    enabled: true
                  - name: SomethingOff
                    enabled: false
                """,
        });
        var body = await sidecar.CreateHttpClient().GetStringAsync("v1.0/metadata");

        var features = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("enabledFeatures")
            .EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Equal(["ActorStateTTL"], features);
    }

    private static string Store(string name, string redis) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: state.redis
          version: v1
          metadata:
          - name: redisHost
            value: {redis}

        """;

    private async Task<string> StartExpectingExitAsync(string file, string yaml)
    {
        await using var sidecar = await SidecarProcess.StartAsync(_redis, new SidecarSpec("broken")
        {
            WaitForOutbound = false,
            ExtraResources = new Dictionary<string, string> { [file] = yaml },
        });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sidecar.WaitForReadyAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("exited with 1 ", error.Message);
        for (var i = 0; i < 40 && !sidecar.Output.Contains("fatal:", StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
        }
        return sidecar.Output;
    }
}
