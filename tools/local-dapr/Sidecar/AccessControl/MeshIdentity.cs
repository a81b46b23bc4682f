namespace Dapr.AiProvider.LocalDapr.Sidecar.AccessControl;

/// <summary>
/// How the local runtime models daprd's mTLS identity. daprd knows a caller only from the SPIFFE id in its mTLS
/// client certificate (issued by Sentry; dapr/dapr pkg/acl/acl.go ApplyAccessControlPolicies reads it with
/// spiffe.FromGRPCContext). The local sidecars have no Sentry: a sidecar whose Configuration says
/// <c>spec.mtls.enabled: true</c> presents <see cref="Id"/> on sidecar-to-sidecar calls (which the mesh token
/// already authenticates), and a called sidecar trusts that id only when its own Configuration says mTLS is on.
/// Without mTLS there is no identity, so every call gets the global default action — exactly what self-hosted
/// <c>dapr run</c> (no Sentry, no mTLS) does.
/// </summary>
internal sealed record MeshIdentity(bool MtlsEnabled, SpiffeId Id)
{
    /// <summary>The internal header carrying the caller's SPIFFE id between local sidecars.</summary>
    public const string Header = "localdapr-caller-spiffe-id";

    /// <summary>daprd's namespace: the <c>NAMESPACE</c> environment variable, else <c>default</c>
    /// (dapr/dapr pkg/security/security.go CurrentNamespace).</summary>
    public static string CurrentNamespace(Func<string, string?> env) => env("NAMESPACE") ?? "default";

    /// <summary>The caller's identity as the called sidecar sees it, or null (no mTLS on either side).</summary>
    public SpiffeId? CallerOf(HttpRequest request) =>
        MtlsEnabled ? SpiffeId.Parse(request.Headers[Header].ToString()) : null;
}
