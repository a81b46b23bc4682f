using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dapr.AiProvider.TestInfrastructure;

/// <summary>A real child process for a test (sidecar, service, simulator, redis-server), killed with its tree on dispose.</summary>
public sealed class TestProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private TestProcess(Process process) => _process = process;

    public string Name { get; private init; } = "";
    /// <summary>
    /// True once the process has exited and everything it printed has been read: the redirected output is
    /// read asynchronously and may still be in flight when the process is already gone.
    /// </summary>
    public bool HasExited
    {
        get
        {
            if (!_process.HasExited)
            {
                return false;
            }
            _process.WaitForExit(); // returns once the output streams have reached their end
            return true;
        }
    }
    public int Id => _process.Id;
    /// <summary>Everything the process printed so far (stdout and stderr), for assertions and failure messages.</summary>
    public string Output => string.Join('\n', _output);

    public static TestProcess Start(string name, string fileName, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? env = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var result = new TestProcess(process) { Name = name };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { result._output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { result._output.Enqueue(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Start a built .NET app: <c>dotnet {dll} {args}</c>.</summary>
    public static TestProcess StartDotnet(string name, string dll, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? env = null) =>
        Start(name, "dotnet", new[] { dll }.Concat(args), env, Path.GetDirectoryName(dll));

    /// <summary>Poll <paramref name="url"/> until it answers 2xx, the process dies, or the timeout passes.</summary>
    public async Task WaitForHttpAsync(string url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before {url} answered:\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{Name}: {url} did not answer within {timeout}:\n{Output}");
    }

    /// <summary>Wait for the process to end by itself; returns its output. Throws on a non-zero exit or a timeout.</summary>
    public async Task<string> WaitForExitAsync(TimeSpan timeout)
    {
        var exitCode = await WaitForExitCodeAsync(timeout);
        return exitCode == 0
            ? Output
            : throw new InvalidOperationException($"{Name} exited with {exitCode}:\n{Output}");
    }

    /// <summary>Wait for the process to end by itself, whatever its exit code (a test of how it fails). Throws on a timeout.</summary>
    public async Task<int> WaitForExitCodeAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{Name} did not finish within {timeout}:\n{Output}");
        }
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>Sends a signal (<c>TERM</c>, <c>KILL</c>, …) to the process itself, not its children.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGKILL the process tree (a crash, as far as the process can tell).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>SIGTERM, then wait for a graceful exit.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }
        Signal("TERM");
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }
}
