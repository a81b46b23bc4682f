using System.Diagnostics;
using System.Globalization;

namespace Dapr.AiProvider.TestInfrastructure;

/// <summary>Finds the launcher's children by their command line (read from <c>/proc</c>) and signals them.</summary>
public static class ChildProcesses
{
    /// <summary>The live descendant of <paramref name="root"/> whose command line contains <paramref name="text"/>.</summary>
    public static int? Find(int root, string text)
    {
        foreach (var pid in Pids())
        {
            if (Read(pid, "cmdline")?.Replace('\0', ' ') is { } cmdline && cmdline.Contains(text, StringComparison.Ordinal)
                && IsAlive(pid) && DescendsFrom(pid, root))
            {
                return pid;
            }
        }

        return null;
    }

    public static void Kill(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static bool DescendsFrom(int pid, int root)
    {
        for (var current = pid; current > 1; current = Parent(current) ?? 0)
        {
            if (current == root)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0);

    private static bool IsAlive(int pid) => Stat(pid) is { } stat && stat[0] is not ('Z' or 'X');

    private static int? Parent(int pid) =>
        Stat(pid) is { } stat && int.TryParse(stat.Split(' ')[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : null;

    /// <summary>The fields of <c>/proc/PID/stat</c> after <c>(comm)</c>: state, ppid, …</summary>
    private static string? Stat(int pid) => Read(pid, "stat") is { } stat ? stat[(stat.LastIndexOf(')') + 2)..] : null;

    private static string? Read(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
