using System.Globalization;

namespace Dapr.AiProvider.LocalDapr.Benchmark;

/// <summary><c>--seconds N</c> per measurement (default 3), <c>--sidecar path/LocalDapr.Sidecar.dll</c> (default: the Release build in the repo).</summary>
internal sealed record BenchmarkOptions(TimeSpan Duration, string SidecarDll)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var seconds = 3.0;
        string? sidecar = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--seconds":
                    seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--sidecar":
                    sidecar = args[i + 1];
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]} (use --seconds N, --sidecar DLL)");
            }
        }
        return new BenchmarkOptions(TimeSpan.FromSeconds(seconds), sidecar ?? DefaultSidecar());
    }

    private static string DefaultSidecar()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "local-dapr", "Sidecar", "bin", "Release", "net10.0", "LocalDapr.Sidecar.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("LocalDapr.Sidecar.dll not found; build tools/local-dapr/Sidecar in Release or pass --sidecar");
    }
}
