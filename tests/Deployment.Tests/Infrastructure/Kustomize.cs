using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dapr.AiProvider.Deployment.Tests.Infrastructure;

/// <summary><c>kubectl kustomize</c> of the base and every overlay (installed by scripts/infra.sh), rendered once.</summary>
public static class Kustomize
{
    /// <summary>The kustomization roots users apply: k8s/ and each directory of k8s/overlays/.</summary>
    public static IReadOnlyList<string> Roots { get; } =
        ["k8s", .. Directory.GetDirectories(RepoPaths.File("k8s", "overlays")).Select(d => Path.GetRelativePath(RepoPaths.Root, d)).Order(StringComparer.Ordinal)];

    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<YamlDocument>>> Rendered = new();

    public static IReadOnlyList<YamlDocument> Render(string root) =>
        Rendered.GetOrAdd(root, r => new Lazy<IReadOnlyList<YamlDocument>>(() => YamlDocument.ParseAll(Run(r), "kustomize " + r))).Value;

    private static string Run(string root)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", RepoPaths.File(root)])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("kubectl 1.21+ (kustomize v4+) is required on PATH; see scripts/infra.sh", e);
        }
        using var process = started ?? throw new InvalidOperationException("kubectl did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize {root} failed ({process.ExitCode}): {error.Result}");
        }
        return output.Result;
    }
}
