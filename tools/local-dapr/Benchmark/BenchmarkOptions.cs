using System.Globalization;

namespace Dapr.AiProvider.LocalDapr.Benchmark;

/// <summary>
/// <c>--seconds N</c> per measurement (default 3), <c>--warmup N</c> seconds of load before each path (default 5, lets
/// the JIT tier up), <c>--sidecar path/LocalDapr.Sidecar.dll</c> (default: the Release build in the repo),
/// <c>--app process|inproc</c> where the trivial app runs (default: its own process, see <see cref="BenchmarkSetup"/>).
/// </summary>
internal sealed record BenchmarkOptions(TimeSpan Duration, TimeSpan Warmup, string SidecarDll, bool AppInProcess = false)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var seconds = 3.0;
        var warmup = 5.0;
        string? sidecar = null;
        var appInProcess = false;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--seconds":
                    seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--warmup":
                    warmup = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--sidecar":
                    sidecar = args[i + 1];
                    break;
                case "--app" when args[i + 1] is "process" or "inproc":
                    appInProcess = args[i + 1] == "inproc";
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]} (use --seconds N, --warmup N, --sidecar DLL, --app process|inproc)");
            }
        }
        return new BenchmarkOptions(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmup), sidecar ?? DefaultSidecar(), appInProcess);
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
