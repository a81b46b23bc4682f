using System.Diagnostics;
using System.Globalization;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.Launcher;

/// <summary>The built launcher run as a real process (<c>dotnet LocalDapr.Launcher.dll …</c>, a <see cref="TestProcess"/>).</summary>
internal sealed class LauncherRun : IAsyncDisposable
{
    private readonly TestProcess _process;

    private LauncherRun(TestProcess process) => _process = process;

    public int Pid => _process.Id;
    public string Output => _process.Output;

    public static LauncherRun Start(params string[] args) => new(TestProcess.StartDotnet("launcher",
        RepoPaths.Dll("tools/local-dapr/Launcher", "LocalDapr.Launcher"),
        [.. args, "--sidecar", RepoPaths.Dll("tools/local-dapr/Sidecar", "LocalDapr.Sidecar")]));

    /// <summary>The launcher's exit code once it ended by itself (a timeout throws).</summary>
    public Task<int> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitCodeAsync(timeout);

    public async Task WaitForFileAsync(string path, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            if (_process.HasExited || watch.Elapsed > timeout)
            {
                throw new TimeoutException($"{path} was not written (exited: {_process.HasExited}):\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits until a line containing <paramref name="text"/> was printed (fails when the launcher exits first).</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || watch.Elapsed > timeout)
            {
                throw new TimeoutException($"'{text}' was not printed (exited: {_process.HasExited}):\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Sends a signal to another process (e.g. a child of the launcher).</summary>
    public static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Signal(string signal) => _process.Signal(signal);

    /// <summary>Pids of live processes whose command line contains <paramref name="text"/>.</summary>
    public static List<int> ProcessesMentioning(string text)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                var state = File.ReadAllText(Path.Combine(dir, "stat"));
                if (cmdline.Contains(text, StringComparison.Ordinal) && state[(state.LastIndexOf(')') + 2)] != 'Z')
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    /// <summary>Kills the launcher with its whole tree at once (a test that failed early leaves nothing behind).</summary>
    public ValueTask DisposeAsync()
    {
        _process.Kill();
        return _process.DisposeAsync();
    }
}
