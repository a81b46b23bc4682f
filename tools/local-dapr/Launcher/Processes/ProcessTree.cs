using System.Diagnostics;
using System.Globalization;

namespace Dapr.AiProvider.LocalDapr.Launcher.Processes;

/// <summary>A process and its descendants, read from <c>/proc</c> (Linux).</summary>
internal static class ProcessTree
{
    /// <summary>The root and every descendant still alive (parents first).</summary>
    public static IReadOnlyList<int> Of(int root) => Of(root, Children());

    /// <summary>One read of <c>/proc</c>: parent pid → child pids (for several <see cref="Of(int, IReadOnlyDictionary{int, List{int}})"/> calls).</summary>
    public static IReadOnlyDictionary<int, List<int>> Children()
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ParentOf(pid) is { } parent)
            {
                (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(pid);
            }
        }

        return children;
    }

    /// <summary>The root and every descendant still alive (parents first), from a <see cref="Children()"/> snapshot.</summary>
    public static IReadOnlyList<int> Of(int root, IReadOnlyDictionary<int, List<int>> children)
    {
        var result = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.Count > 0)
        {
            var pid = queue.Dequeue();
            if (result.Contains(pid) || !IsAlive(pid))
            {
                continue;
            }

            result.Add(pid);
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                queue.Enqueue(child);
            }
        }

        return result;
    }

    /// <summary>Running (not exited, not a zombie).</summary>
    public static bool IsAlive(int pid)
    {
        var stat = ReadStat(pid);
        return stat is not null && State(stat) is not ('Z' or 'X');
    }

    /// <summary>Sends SIGTERM through the <c>kill</c> command (no native interop needed).</summary>
    public static void Terminate(IReadOnlyList<int> pids)
    {
        if (pids.Count == 0)
        {
            return;
        }

        var start = new ProcessStartInfo("kill") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-TERM");
        foreach (var pid in pids)
        {
            start.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture));
        }

        using var kill = Process.Start(start);
        kill?.WaitForExit(5000);
    }

    public static void Kill(IReadOnlyList<int> pids)
    {
        foreach (var pid in pids)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }

    private static int? ParentOf(int pid) =>
        ReadStat(pid) is { } stat && int.TryParse(Fields(stat)[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid)
            ? ppid
            : null;

    private static char State(string stat) => Fields(stat)[0][0];

    /// <summary>The fields after <c>(comm)</c>: state, ppid, …</summary>
    private static string[] Fields(string stat) => stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

    private static string? ReadStat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
