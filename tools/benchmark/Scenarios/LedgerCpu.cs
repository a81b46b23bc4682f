using System.Globalization;
using Npgsql;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// CPU time (user + system, from <c>/proc/{pid}/stat</c>) of the processes an ingest run passes through:
/// quota's sidecar, quota, this database's PostgreSQL backends, the stack's Redis and the benchmark itself.
/// On a small shared machine wall-clock rates swing with the neighbours' load; CPU per event does not, so
/// it says where the time goes. Linux only; elsewhere every figure is empty.
/// </summary>
internal sealed class LedgerCpu
{
    private const double TicksPerSecond = Stack.ProcStat.TicksPerSecond;
    private readonly Dictionary<string, Func<string, string, bool>> _groups;
    private Dictionary<string, long> _start = [];

    public LedgerCpu(BenchContext context)
    {
        var ports = context.Stack.Ports;
        var database = new NpgsqlConnectionStringBuilder(context.Stack.LedgerConnectionString).Database;
        _groups = new()
        {
            ["quota sidecar"] = (cmd, _) => cmd.Contains("LocalDapr.Sidecar", StringComparison.Ordinal)
                && cmd.Contains($"--dapr-http-port {ports.QuotaHttp} ", StringComparison.Ordinal),
            ["quota"] = (cmd, env) => cmd.Contains("Dapr.AiProvider.Quota.dll", StringComparison.Ordinal)
                && env.Contains($":{ports.Quota}", StringComparison.Ordinal),
            ["postgres"] = (cmd, _) => cmd.StartsWith($"postgres: aiprovider {database} ", StringComparison.Ordinal),
            ["redis"] = (cmd, _) => cmd.StartsWith($"redis-server {context.Stack.RedisAddress}", StringComparison.Ordinal),
            ["benchmark"] = (_, _) => false,
        };
    }

    public void Start() => _start = Sample();

    /// <summary>CPU ms per 1,000 events of each group since <see cref="Start"/>.</summary>
    public IReadOnlyList<(string Group, double MsPerThousand)> PerThousand(int events)
    {
        var end = Sample();
        return _groups.Keys
            .Select(g => (g, (end.GetValueOrDefault(g) - _start.GetValueOrDefault(g)) / TicksPerSecond * 1000 / events * 1000))
            .ToList();
    }

    public void Print(string run, int events)
    {
        var cpu = PerThousand(events);
        new Report.Table($"ledger — CPU ms per 1,000 events, {run}", [.. cpu.Select(c => c.Group), "total"])
            .Add([.. cpu.Select(c => (object)c.MsPerThousand.ToString("0", CultureInfo.InvariantCulture)),
                cpu.Sum(c => c.MsPerThousand).ToString("0", CultureInfo.InvariantCulture)])
            .Print();
    }

    private Dictionary<string, long> Sample()
    {
        var totals = new Dictionary<string, long> { ["benchmark"] = Ticks(Environment.ProcessId) };
        if (!Directory.Exists("/proc"))
        {
            return totals;
        }
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            try
            {
                var cmd = File.ReadAllText($"{dir}/cmdline").Replace('\0', ' ');
                var env = cmd.Contains("Quota.dll", StringComparison.Ordinal) ? File.ReadAllText($"{dir}/environ") : "";
                foreach (var (group, match) in _groups)
                {
                    if (match(cmd, env))
                    {
                        totals[group] = totals.GetValueOrDefault(group) + Ticks(pid);
                    }
                }
            }
            catch (IOException) { } // the process ended
            catch (UnauthorizedAccessException) { }
        }
        return totals;
    }

    private static long Ticks(int pid) => Stack.ProcStat.CpuTicks(pid);
}
