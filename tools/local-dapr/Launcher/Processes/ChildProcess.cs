using System.ComponentModel;
using System.Diagnostics;

namespace Dapr.AiProvider.LocalDapr.Launcher.Processes;

/// <summary>A started app or sidecar: output pumped line by line into its <see cref="LogSink"/>.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task _pumps;

    private ChildProcess(string name, Process process, LogSink log)
    {
        Name = name;
        _process = process;
        Log = log;
        _pumps = Task.WhenAll(Pump(process.StandardOutput), Pump(process.StandardError));
    }

    /// <summary>e.g. <c>app 'router'</c> or <c>sidecar of 'router'</c>.</summary>
    public string Name { get; }
    public LogSink Log { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <exception cref="InvalidOperationException">The program could not be started (message says why).</exception>
    public static ChildProcess Start(
        string name, string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, LogSink log)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        try
        {
            var process = Process.Start(start) ?? throw new InvalidOperationException($"{name}: '{fileName}' did not start");
            return new ChildProcess(name, process, log);
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"{name}: cannot start '{fileName}' in '{workingDirectory}': {ex.Message}", ex);
        }
    }

    /// <summary>Waits for exit and for the last output lines to be written.</summary>
    public async Task WaitForExitAsync(CancellationToken ct)
    {
        await _process.WaitForExitAsync(ct).ConfigureAwait(false);
        await _pumps.WaitAsync(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _process.Dispose();
        Log.Dispose();
    }

    private async Task Pump(StreamReader reader)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            Log.Write(line);
        }
    }
}
