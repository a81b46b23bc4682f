using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Dapr.AiProvider.TestInfrastructure;

/// <summary>
/// Writes a run file and resources for one stack: the repository's own components and dapr.yaml,
/// with only addresses changed (Redis, ports, the secrets file), so end-to-end tests and benchmarks exercise
/// the files users run. Edited as YAML, not as text: a field that moves or disappears fails here, loudly.
/// </summary>
public static class StackFiles
{
    /// <param name="routerExecutable">
    /// The router as a native executable (its Native AOT publish, <see cref="RepoPaths.AotRouter"/>) instead of
    /// <c>dotnet</c> on its build output.
    /// </param>
    /// <param name="adaptersExecutable">The same for provider-adapters (<see cref="RepoPaths.AotAdapters"/>).</param>
    public static string Write(string dir, string redisAddress, string ledgerConnectionString, StackPorts ports,
        string? routerExecutable = null, string? adaptersExecutable = null)
    {
        var executables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["router"] = routerExecutable,
            ["provider-adapters"] = adaptersExecutable,
        };
        var components = Directory.CreateDirectory(Path.Combine(dir, "components")).FullName;
        var secretsFile = Path.Combine(dir, "secrets.json");
        File.WriteAllText(secretsFile, JsonSerializer.Serialize(
            new Dictionary<string, string>
            {
                ["ledger-connection-string"] = ledgerConnectionString,
                ["api-key-pepper"] = "stack-pepper-" + Guid.NewGuid().ToString("N"),
            }));

        var addresses = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["redisHost"] = redisAddress,
            ["secretsFile"] = secretsFile,
            // conversation.yaml: the agents' conversation component calls this stack's router.
            ["endpoint"] = $"http://127.0.0.1:{ports.Router}/v1",
        };
        foreach (var source in Directory.GetFiles(Path.Combine(RepoPaths.Root, "components"), "*.yaml"))
        {
            var yaml = Load(source);
            foreach (var document in yaml.Documents)
            {
                SetMetadata((YamlMappingNode)document.RootNode, addresses);
            }
            Save(yaml, Path.Combine(components, Path.GetFileName(source)));
        }

        var runFile = Load(Path.Combine(RepoPaths.Root, "dapr.yaml"));
        var root = (YamlMappingNode)runFile.Documents.Single().RootNode;
        var common = Mapping(root, "common");
        common.Children[new YamlScalarNode("resourcesPaths")] = new YamlSequenceNode(new YamlScalarNode(components));
        common.Children[new YamlScalarNode("configFilePath")] = new YamlScalarNode(Path.Combine(components, "config.yaml"));
        var appPorts = new Dictionary<string, (int App, int Http, int Grpc)>(StringComparer.Ordinal)
        {
            ["router"] = (ports.Router, ports.RouterHttp, ports.RouterGrpc),
            ["quota"] = (ports.Quota, ports.QuotaHttp, ports.QuotaGrpc),
            ["provider-adapters"] = (ports.Adapters, ports.AdaptersHttp, ports.AdaptersGrpc),
        };
        foreach (var app in ((YamlSequenceNode)root["apps"]).Cast<YamlMappingNode>())
        {
            var appId = Scalar(app, "appID");
            var (appPort, httpPort, grpcPort) = appPorts.TryGetValue(appId, out var found)
                ? found : throw new InvalidOperationException($"dapr.yaml: app '{appId}' has no ports in StackPorts");
            Set(app, "appDirPath", Path.Combine(RepoPaths.Root, Scalar(app, "appDirPath")));
            Set(app, "appPort", appPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Set(app, "daprHTTPPort", httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Set(app, "daprGRPCPort", grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Set(Mapping(app, "env"), "ASPNETCORE_URLS", $"http://127.0.0.1:{appPort}");
            if (app.Children.ContainsKey(new YamlScalarNode("unixDomainSocket")))
            {
                // The sidecar's API on sockets (docs/sidecar-sockets.md): in this stack's own folder, so stacks never share a socket.
                var sockets = Directory.CreateDirectory(Path.Combine(dir, "sockets")).FullName;
                Set(app, "unixDomainSocket", sockets);
                Set(Mapping(app, "env"), "DAPR_UNIX_DOMAIN_SOCKET", sockets);
            }
            if (executables.GetValueOrDefault(appId) is { } executable)
            {
                if (!app.Children.ContainsKey(new YamlScalarNode("command")))
                {
                    throw new InvalidOperationException("'command' is not where StackFiles expects it: update StackFiles with the file");
                }
                app.Children[new YamlScalarNode("command")] = new YamlSequenceNode(new YamlScalarNode(executable));
            }
        }
        var path = Path.Combine(dir, "dapr.yaml");
        Save(runFile, path);
        return path;
    }

    /// <summary>Sets the value of each named metadata item the component has (<c>spec.metadata[].name/value</c>).</summary>
    private static void SetMetadata(YamlMappingNode component, IReadOnlyDictionary<string, string> values)
    {
        if (!component.Children.TryGetValue(new YamlScalarNode("spec"), out var spec)
            || !((YamlMappingNode)spec).Children.TryGetValue(new YamlScalarNode("metadata"), out var metadata))
        {
            return;
        }
        foreach (var item in ((YamlSequenceNode)metadata).Cast<YamlMappingNode>())
        {
            if (values.TryGetValue(Scalar(item, "name"), out var value))
            {
                Set(item, "value", value);
            }
        }
    }

    private static YamlStream Load(string path)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(path);
        yaml.Load(reader);
        return yaml;
    }

    private static void Save(YamlStream yaml, string path)
    {
        using var writer = new StreamWriter(path);
        yaml.Save(writer, assignAnchors: false);
    }

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) => (YamlMappingNode)node[key];

    private static string Scalar(YamlMappingNode node, string key) =>
        ((YamlScalarNode)node[key]).Value ?? throw new InvalidOperationException($"'{key}' has no value");

    private static void Set(YamlMappingNode node, string key, string value)
    {
        if (!node.Children.ContainsKey(new YamlScalarNode(key)))
        {
            throw new InvalidOperationException($"'{key}' is not where StackFiles expects it: update StackFiles with the file");
        }
        node.Children[new YamlScalarNode(key)] = new YamlScalarNode(value);
    }
}
