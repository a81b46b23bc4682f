namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>Which headers travel between caller, sidecars and app (hop-by-hop and framing headers never do).</summary>
internal static class HttpHeaderRules
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Proxy-Connection", "Content-Length", "Host", "Expect",
    };

    public static bool IsExcludedRequestHeader(string name) =>
        HopByHop.Contains(name) || string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "dapr-api-token", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("x-localdapr-", StringComparison.OrdinalIgnoreCase);

    public static bool IsExcludedResponseHeader(string name) =>
        HopByHop.Contains(name) || string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase);
}
