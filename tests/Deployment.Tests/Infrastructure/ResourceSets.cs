namespace Dapr.AiProvider.Deployment.Tests.Infrastructure;

/// <summary>
/// The resource sets a deployment reads, each checked by the same rules: the local Dapr resources
/// (<c>components/</c>, <c>dapr run -f</c> and ./run.sh), what compose.yaml mounts, and every kustomize root.
/// </summary>
public static class ResourceSets
{
    public const string Local = "components";
    public const string Compose = "components/compose";

    public static IReadOnlyList<string> Names { get; } = [Local, Compose, .. Kustomize.Roots];

    public static TheoryData<string> All => new(Names);

    public static TheoryData<string> KubernetesRoots => new(Kustomize.Roots);

    public static IReadOnlyList<YamlDocument> Get(string name) => name switch
    {
        Local => Files(RepoPaths.File("components")),
        // compose.yaml mounts components/compose/ plus the shared resiliency and configuration files.
        Compose => [.. Files(RepoPaths.File("components", "compose")),
            .. YamlDocument.Load(RepoPaths.File("components", "resiliency.yaml")),
            .. YamlDocument.Load(RepoPaths.File("components", "config.yaml"))],
        _ => Kustomize.Render(name),
    };

    public static bool IsKubernetes(string name) => name.StartsWith("k8s", StringComparison.Ordinal);

    /// <summary>Top-level *.yaml of a resources path, as daprd reads it (no subdirectories).</summary>
    private static IReadOnlyList<YamlDocument> Files(string dir) =>
        [.. Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal).SelectMany(YamlDocument.Load)];
}
