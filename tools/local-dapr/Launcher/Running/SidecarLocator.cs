namespace Dapr.AiProvider.LocalDapr.Launcher.Running;

/// <summary>
/// Finds LocalDapr.Sidecar.dll: <c>--sidecar</c>, else <c>$LOCALDAPR_SIDECAR</c>, else
/// <c>tools/local-dapr/Sidecar/bin/Release/net10.0/LocalDapr.Sidecar.dll</c> in a folder above the
/// launcher's own location or above the run file.
/// </summary>
internal static class SidecarLocator
{
    private static readonly string Relative = Path.Combine("tools", "local-dapr", "Sidecar", "bin", "Release", "net10.0", "LocalDapr.Sidecar.dll");

    public static string Find(string? explicitPath, string runFile)
    {
        var chosen = explicitPath ?? Environment.GetEnvironmentVariable("LOCALDAPR_SIDECAR");
        if (!string.IsNullOrWhiteSpace(chosen))
        {
            var full = Path.GetFullPath(chosen);
            return File.Exists(full) ? full : throw new FileNotFoundException($"sidecar '{full}' does not exist");
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(runFile)! })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, Relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            $"LocalDapr.Sidecar.dll not found above '{AppContext.BaseDirectory}' or '{Path.GetDirectoryName(runFile)}'; " +
            "build it (dotnet build tools/local-dapr/Sidecar/Sidecar.csproj -c Release) or pass --sidecar / set LOCALDAPR_SIDECAR");
    }

    /// <summary>A dll runs under the current dotnet host; anything else is executed directly.</summary>
    public static (string FileName, List<string> Prefix) Command(string sidecar) =>
        sidecar.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? (DotnetHost(), [sidecar])
            : (sidecar, []);

    private static string DotnetHost() =>
        Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
}
