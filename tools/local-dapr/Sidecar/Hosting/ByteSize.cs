using System.Globalization;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>Kubernetes-style quantities as daprd's <c>--max-body-size</c> takes them: 4Mi, 16Mi, 512Ki, 1G, 4096.</summary>
internal static class ByteSize
{
    private static readonly (string Suffix, long Factor)[] Suffixes =
    [
        ("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30),
        ("k", 1000), ("K", 1000), ("M", 1000_000), ("G", 1000_000_000), ("B", 1),
    ];

    public static long Parse(string text, string what)
    {
        var trimmed = text.Trim();
        long factor = 1;
        foreach (var (suffix, f) in Suffixes)
        {
            if (trimmed.EndsWith(suffix, StringComparison.Ordinal))
            {
                factor = f;
                trimmed = trimmed[..^suffix.Length];
                break;
            }
        }
        return decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) && n > 0
            ? (long)(n * factor)
            : throw new SidecarStartupException($"{what}: '{text}' is not a size such as 4Mi or 16Mi");
    }
}
