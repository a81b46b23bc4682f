namespace Dapr.AiProvider.LocalDapr.Sidecar.Components;

/// <summary>
/// Everything read from <c>--resources-path</c> and <c>--config</c> for this app, after scopes:
/// components, and the Configuration's enabled preview features (e.g. <c>ActorStateTTL</c>), whether it says
/// mTLS is on, and its access control list. Resiliency resources are read by the resiliency feature itself.
/// </summary>
public sealed record LoadedResources(
    IReadOnlyList<ComponentSpec> Components,
    IReadOnlySet<string> Features)
{
    /// <summary><c>spec.mtls.enabled</c> of the Configuration (see <see cref="AccessControl.MeshIdentity"/>).</summary>
    public bool MtlsEnabled { get; init; }

    /// <summary><c>spec.accessControl</c>, or null when the Configuration has none (every call allowed).</summary>
    internal AccessControl.AccessControlList? AccessControl { get; init; }

    public IEnumerable<ComponentSpec> OfType(string typePrefix) =>
        Components.Where(c => c.Type.StartsWith(typePrefix, StringComparison.Ordinal));
}
