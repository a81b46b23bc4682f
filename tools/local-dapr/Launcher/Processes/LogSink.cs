namespace Dapr.AiProvider.LocalDapr.Launcher.Processes;

/// <summary>
/// Where one process's output goes: the console with the CLI's prefix (<c>== APP - router ==</c>,
/// <c>== DAPR - router ==</c>) and/or a log file under <c>&lt;appDirPath&gt;/.dapr/logs</c>. Keeps the last
/// lines for failure messages.
/// </summary>
internal sealed class LogSink(ConsoleOutput console, string prefix, StreamWriter? file) : IDisposable
{
    private const int TailLines = 15;
    private readonly Lock _gate = new();
    private readonly Queue<string> _tail = new();

    public string Prefix { get; } = prefix;

    public void Write(string line)
    {
        lock (_gate)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }

            file?.WriteLine(line);
            file?.Flush();
        }

        if (ToConsole)
        {
            console.Line($"{Prefix} {line}");
        }
    }

    public bool ToConsole { get; init; } = true;

    public string Tail()
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _tail.Select(l => $"    {l}"));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            file?.Dispose();
        }
    }
}
