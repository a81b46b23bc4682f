using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Dapr.AiProvider.LocalDapr.Sidecar.Secrets;

namespace Dapr.AiProvider.LocalDapr.Tests.Components;

/// <summary>The resource loader and local secret stores in process: errors name file and field; multi-valued secrets.</summary>
public sealed class ResourceLoaderTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("localdapr-loader");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Load_MultiDocumentFile_ReadsComponentsAndSkipsOtherKinds()
    {
        Write("all.yaml", Component("one", "state.redis") + "---\nkind: Resiliency\nmetadata:\n  name: r\n---\n" + Component("two", "pubsub.redis"));

        var (resources, _) = ResourceLoader.Load(Options());

        Assert.Equal(["one", "two"], resources.Components.Select(c => c.Name));
        Assert.Equal("localhost:6379", resources.Components[0].Get("redisHost"));
    }

    [Fact]
    public void Load_MissingName_ErrorNamesFileAndField()
    {
        Write("noname.yaml", "apiVersion: dapr.io/v1alpha1\nkind: Component\nspec:\n  type: state.redis\n");

        var error = Assert.Throws<SidecarStartupException>(() => ResourceLoader.Load(Options()));

        Assert.Contains("noname.yaml", error.Message);
        Assert.Contains("metadata.name", error.Message);
    }

    [Fact]
    public void Load_DuplicateComponentName_Rejected()
    {
        Write("a.yaml", Component("same", "state.redis"));
        Write("b.yaml", Component("same", "pubsub.redis"));

        var error = Assert.Throws<SidecarStartupException>(() => ResourceLoader.Load(Options()));

        Assert.Contains("'same' is already used", error.Message);
    }

    [Fact]
    public void Load_MissingResourcesPath_Rejected()
    {
        var error = Assert.Throws<SidecarStartupException>(() => ResourceLoader.Load(Options() with { ResourcesPaths = ["/no/such/dir"] }));

        Assert.Contains("/no/such/dir", error.Message);
    }

    [Fact]
    public void RedisConnections_EnableTls_RejectedAtStart()
    {
        var spec = new ComponentSpec
        {
            Name = "tls", Type = "state.redis", SourceFile = "tls.yaml",
            Metadata = new Dictionary<string, string> { ["enableTLS"] = "true" },
        };

        var error = Assert.Throws<SidecarStartupException>(() => new RedisConnections(new LoadedResources([spec], new HashSet<string>()), null));

        Assert.Contains("enableTLS", error.Message);
    }

    [Fact]
    public void LocalFileSecretStore_MultiValued_GroupsChildrenUnderTopLevelKey()
    {
        var file = Write("secrets.json", """{"db":{"user":"u","pass":"p"},"token":"t"}""");
        var spec = new ComponentSpec
        {
            Name = "multi", Type = "secretstores.local.file", SourceFile = file,
            Metadata = new Dictionary<string, string> { ["secretsFile"] = file, ["multiValued"] = "true" },
        };

        var store = new LocalFileSecretStore(spec);

        Assert.Equal("p", store.Get("db")!["pass"]);
        Assert.Equal("t", store.Get("token")!["token"]);
        Assert.Null(store.Get("db:user"));
    }

    private SidecarOptions Options() => new() { AppId = "loader", ResourcesPaths = [_dir.FullName] };

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string Component(string name, string type) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: {type}
          version: v1
          metadata:
          - name: redisHost
            value: localhost:6379

        """;
}
