namespace Dapr.AiProvider.LocalDapr.Sidecar.AccessControl;

/// <summary>A workload identity as daprd reads it from the caller's mTLS certificate:
/// <c>spiffe://{trustDomain}/ns/{namespace}/{appId}</c> (dapr/dapr pkg/security/spiffe).</summary>
internal sealed record SpiffeId(string TrustDomain, string Namespace, string AppId)
{
    public string Url => $"spiffe://{TrustDomain}/ns/{Namespace}/{AppId}";

    public static SpiffeId? Parse(string? url)
    {
        const string Scheme = "spiffe://";
        if (url is null || !url.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return null;
        }
        var parts = url[Scheme.Length..].Split('/');
        return parts is [{ Length: > 0 } trustDomain, "ns", { Length: > 0 } ns, { Length: > 0 } appId] ? new SpiffeId(trustDomain, ns, appId) : null;
    }
}
