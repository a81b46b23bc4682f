using Dapr.AiProvider.LocalDapr.Sidecar.AccessControl;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Dapr.AiProvider.LocalDapr.Sidecar.Secrets;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Components;

/// <summary>
/// Reads every <c>*.yaml</c>/<c>*.yml</c> in the resources paths (multi-document files allowed) and the
/// <c>--config</c> file as daprd does: Components for this app (after <c>scopes</c>), secretKeyRef
/// resolved, Configuration features. Any problem is a <see cref="SidecarStartupException"/> naming the file and field.
/// </summary>
internal static class ResourceLoader
{
    public static readonly IReadOnlySet<string> SupportedTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "state.redis", "pubsub.redis", "secretstores.local.file", "secretstores.local.env", "conversation.openai",
    };

    private static readonly HashSet<string> OtherKinds = new(StringComparer.Ordinal)
    {
        "Resiliency", "Subscription", "HTTPEndpoint", "Configuration",
    };

    public static (LoadedResources Resources, SecretStoreRegistry Secrets) Load(SidecarOptions options)
    {
        var raw = new List<RawComponent>();
        foreach (var file in ResourceFiles(options.ResourcesPaths))
        {
            foreach (var doc in ReadDocuments(file))
            {
                var kind = YamlFields.Scalar(doc, "kind") ?? throw Error(file, "kind is missing");
                if (kind == "Component")
                {
                    var component = RawComponent.Parse(doc, file);
                    if (component.Spec.Scopes.Count == 0 || component.Spec.Scopes.Contains(options.AppId))
                    {
                        RawComponent.CheckType(component.Spec);
                        raw.Add(component);
                    }
                }
                else if (!OtherKinds.Contains(kind))
                {
                    throw Error(file, $"kind '{kind}' is not a Dapr resource kind this sidecar knows");
                }
            }
        }
        CheckNames(raw);
        var secretStores = BuildSecretStores(raw);
        var components = raw.Select(c => c.Resolve(secretStores)).ToList();
        if (options.ConfigPath is not { } config)
        {
            return (new LoadedResources(components, new HashSet<string>(StringComparer.Ordinal)), secretStores);
        }
        var (features, mtls, accessControl) = ReadConfiguration(config, isHttp: options.AppProtocol is "http" or "h2c");
        return (new LoadedResources(components, features) { MtlsEnabled = mtls, AccessControl = accessControl }, secretStores);
    }

    public static IEnumerable<string> ResourceFiles(IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                yield return Path.GetFullPath(path);
                continue;
            }
            if (!Directory.Exists(path))
            {
                throw new SidecarStartupException($"--resources-path '{path}' does not exist");
            }
            foreach (var file in Directory.EnumerateFiles(path).Order(StringComparer.Ordinal))
            {
                if (file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                {
                    yield return Path.GetFullPath(file);
                }
            }
        }
    }

    public static IReadOnlyList<YamlMappingNode> ReadDocuments(string file)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(file);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw Error(file, $"malformed YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
        }
        var docs = new List<YamlMappingNode>();
        foreach (var doc in stream.Documents)
        {
            switch (doc.RootNode)
            {
                case YamlMappingNode map:
                    docs.Add(map);
                    break;
                case YamlScalarNode { Value: null or "" }:
                    break;
                default:
                    throw Error(file, $"line {doc.RootNode.Start.Line}: a resource must be a YAML mapping");
            }
        }
        return docs;
    }

    internal static SidecarStartupException Error(string file, string message) => new($"{file}: {message}");

    private static void CheckNames(List<RawComponent> raw)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var component in raw)
        {
            if (!seen.TryAdd(component.Spec.Name, component.Spec.SourceFile))
            {
                throw Error(component.Spec.SourceFile, $"metadata.name '{component.Spec.Name}' is already used by a component in {seen[component.Spec.Name]}");
            }
        }
    }

    private static SecretStoreRegistry BuildSecretStores(List<RawComponent> raw)
    {
        var stores = new List<ISecretStore>();
        foreach (var component in raw)
        {
            var spec = component.Spec;
            if (spec.Type == "secretstores.local.file")
            {
                stores.Add(new LocalFileSecretStore(component.Resolve(new SecretStoreRegistry([]))));
            }
            else if (spec.Type == "secretstores.local.env")
            {
                stores.Add(new EnvSecretStore(spec));
            }
        }
        return new SecretStoreRegistry(stores);
    }

    private static (HashSet<string> Features, bool Mtls, AccessControlList? AccessControl) ReadConfiguration(string file, bool isHttp)
    {
        if (!File.Exists(file))
        {
            throw new SidecarStartupException($"--config '{file}' does not exist");
        }
        var features = new HashSet<string>(StringComparer.Ordinal);
        var mtls = false;
        AccessControlList? accessControl = null;
        foreach (var doc in ReadDocuments(file))
        {
            if (YamlFields.Scalar(doc, "kind") != "Configuration")
            {
                continue;
            }
            mtls |= string.Equals(YamlFields.Scalar(doc, "spec", "mtls", "enabled"), "true", StringComparison.OrdinalIgnoreCase);
            accessControl ??= AccessControlParser.Parse(doc, file, isHttp);
            foreach (var feature in YamlFields.Sequence(doc, file, "spec", "features"))
            {
                if (feature is not YamlMappingNode map || YamlFields.Scalar(map, "name") is not { Length: > 0 } name)
                {
                    throw Error(file, $"line {feature.Start.Line}: spec.features[].name is required");
                }
                if (string.Equals(YamlFields.Scalar(map, "enabled"), "true", StringComparison.OrdinalIgnoreCase))
                {
                    features.Add(name);
                }
            }
        }
        return (features, mtls, accessControl);
    }
}
