using System.Globalization;

namespace Dapr.AiProvider.LocalDapr.Benchmark;

/// <summary>
/// <c>--seconds N</c> per measurement (default 3), <c>--warmup N</c> seconds of load before each path (default 5, lets
/// the JIT tier up), <c>--sidecar path/LocalDapr.Sidecar.dll</c> (default: the Release build in the repo),
/// <c>--app process|inproc</c> where the trivial app runs (default: its own process, see <see cref="BenchmarkSetup"/>),
/// <c>--sidecar-env NAME=VALUE</c> (repeatable) extra environment for the sidecar processes only (e.g. the launcher's
/// <c>DOTNET_TieredPGO=0</c>).
/// </summary>
internal sealed record BenchmarkOptions(TimeSpan Duration, TimeSpan Warmup, string SidecarDll, bool AppInProcess = false)
{
    public IReadOnlyDictionary<string, string> SidecarEnvironment { get; init; } = new Dictionary<string, string>();

    public static BenchmarkOptions Parse(string[] args)
    {
        var seconds = 3.0;
        var warmup = 5.0;
        string? sidecar = null;
        var appInProcess = false;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
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
                case "--sidecar-env" when args[i + 1].IndexOf('=', StringComparison.Ordinal) > 0:
                    var eq = args[i + 1].IndexOf('=', StringComparison.Ordinal);
                    environment[args[i + 1][..eq]] = args[i + 1][(eq + 1)..];
                    break;
                case "--app" when args[i + 1] is "process" or "inproc":
                    appInProcess = args[i + 1] == "inproc";
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]} (use --seconds N, --warmup N, --sidecar DLL, --app process|inproc, --sidecar-env NAME=VALUE)");
            }
        }
        return new BenchmarkOptions(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmup), sidecar ?? DefaultSidecar(), appInProcess)
        {
            SidecarEnvironment = environment,
        };
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
