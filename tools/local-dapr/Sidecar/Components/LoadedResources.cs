namespace Dapr.AiProvider.LocalDapr.Sidecar.Components;

/// <summary>
/// Everything read from <c>--resources-path</c> and <c>--config</c> for this app, after scopes:
/// components, and the Configuration's enabled preview features (e.g. <c>ActorStateTTL</c>).
/// Resiliency resources are read by the resiliency feature itself.
/// </summary>
public sealed record LoadedResources(
    IReadOnlyList<ComponentSpec> Components,
    IReadOnlySet<string> Features)
{
    public IEnumerable<ComponentSpec> OfType(string typePrefix) =>
        Components.Where(c => c.Type.StartsWith(typePrefix, StringComparison.Ordinal));
}
