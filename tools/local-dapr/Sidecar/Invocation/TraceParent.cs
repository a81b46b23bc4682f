namespace Dapr.AiProvider.LocalDapr.Sidecar.Invocation;

/// <summary>A new W3C <c>traceparent</c> for calls that arrive without one (daprd starts a trace for them); ids need not be secret.</summary>
internal static class TraceParent
{
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[24];
        Random.Shared.NextBytes(bytes);
        return $"00-{Convert.ToHexStringLower(bytes[..16])}-{Convert.ToHexStringLower(bytes[16..])}-01";
    }
}
