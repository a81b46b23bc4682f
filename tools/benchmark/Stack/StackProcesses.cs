using System.Globalization;

namespace Dapr.AiProvider.Benchmark.Stack;

/// <summary>
/// The processes one benchmark stack started, by role: found by walking the launcher's descendants in
/// <c>/proc</c> (never by name alone, so a test stack another session runs at the same time is not counted),
/// plus the simulator, this stack's redis-server and any extra process a scenario starts (the peer gateway).
/// Linux only; elsewhere the list is empty and every figure built on it is blank.
/// </summary>
internal static class StackProcesses
{
    public const string Router = "router";
    public const string RouterSidecar = "router sidecar";
    public const string Adapters = "adapters";
    public const string AdaptersSidecar = "adapters sidecar";
    public const string Quota = "quota";
    public const string QuotaSidecar = "quota sidecar";
    public const string Simulator = "simulator";
    public const string Redis = "redis";

    /// <summary>The gateway's own processes, in the order the tables print them.</summary>
    public static readonly string[] GatewayRoles = [Router, RouterSidecar, Adapters, AdaptersSidecar, Quota, QuotaSidecar];

    public static IReadOnlyDictionary<string, int> Find(BenchStack stack)
    {
        var found = new Dictionary<string, int>();
        if (!Directory.Exists("/proc"))
        {
            return found;
        }
        found[Simulator] = stack.SimulatorPid;
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ProcStat.Fields(pid) is { } fields)
            {
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (ProcStat.CommandLine(pid).StartsWith($"redis-server {stack.RedisAddress}", StringComparison.Ordinal))
                {
                    found[Redis] = pid;
                }
            }
        }
        foreach (var pid in Descendants(stack.LauncherPid, parents))
        {
            if (Role(ProcStat.CommandLine(pid)) is { } role)
            {
                found[role] = pid;
            }
        }
        return found;
    }

    /// <summary>Apps run as <c>dotnet {dll}</c> (the router and provider-adapters also as their native executables); sidecars as <c>dotnet LocalDapr.Sidecar.dll --app-id {id} …</c>.</summary>
    private static string? Role(string command) =>
        command.Contains("LocalDapr.Sidecar", StringComparison.Ordinal) ? SidecarRole(command)
        : command.Contains("Dapr.AiProvider.Router.dll", StringComparison.Ordinal) || IsNative(command, "Dapr.AiProvider.Router") ? Router
        : command.Contains("Dapr.AiProvider.ProviderAdapters.dll", StringComparison.Ordinal) || IsNative(command, "Dapr.AiProvider.ProviderAdapters") ? Adapters
        : command.Contains("Dapr.AiProvider.Quota.dll", StringComparison.Ordinal) ? Quota
        : null;

    /// <summary>A Native AOT executable (<c>AIPROVIDER_BENCH_ROUTER_AOT</c>, <c>AIPROVIDER_BENCH_ADAPTERS_AOT</c>): <c>…/{name}</c>, no arguments.</summary>
    private static bool IsNative(string command, string name) => command.TrimEnd().EndsWith("/" + name, StringComparison.Ordinal);

    private static string? SidecarRole(string command) =>
        command.Contains("--app-id router ", StringComparison.Ordinal) ? RouterSidecar
        : command.Contains("--app-id provider-adapters ", StringComparison.Ordinal) ? AdaptersSidecar
        : command.Contains("--app-id quota ", StringComparison.Ordinal) ? QuotaSidecar
        : null;

    private static IEnumerable<int> Descendants(int root, Dictionary<int, int> parents)
    {
        var children = parents.ToLookup(p => p.Value, p => p.Key);
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
        {
            foreach (var child in children[pid])
            {
                yield return child;
                pending.Push(child);
            }
        }
    }
}

/// <summary>Reads <c>/proc/{pid}/stat</c>, <c>status</c> and <c>cmdline</c>; a process that is gone reads as zero.</summary>
internal static class ProcStat
{
    /// <summary>USER_HZ: 100 on every Linux this runs on (<c>getconf CLK_TCK</c>).</summary>
    public const double TicksPerSecond = 100;

    /// <summary>Fields after the command name: [0] state, [1] ppid, … [11] utime, [12] stime.</summary>
    public static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>User + system CPU time in ticks.</summary>
    public static long CpuTicks(int pid) => Fields(pid) is { Length: > 12 } f
        ? long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)
        : 0;

    /// <summary>Resident set size in bytes (<c>VmRSS</c>).</summary>
    public static long RssBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return 1024 * StatusNumber(line);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        return 0;
    }

    /// <summary>
    /// Context switches of every thread the process has now (<c>voluntary_ctxt_switches</c> + <c>nonvoluntary_ctxt_switches</c>
    /// of each <c>/proc/{pid}/task/*/status</c>; a process's own status counts its main thread only). Each one is a thread
    /// that slept and was woken, the cost of a hand-off between threads that CPU per request does not show apart.
    /// </summary>
    public static long ContextSwitches(int pid)
    {
        long total = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    foreach (var line in File.ReadLines(task + "/status"))
                    {
                        if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal)
                            || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                        {
                            total += StatusNumber(line);
                        }
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { } // the thread ended meanwhile
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        return total;
    }

    /// <summary>The number of a <c>status</c> line: <c>VmRSS:\t  1234 kB</c>, <c>voluntary_ctxt_switches:\t56</c>.</summary>
    private static long StatusNumber(string line) =>
        long.Parse(line.Split([':', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
