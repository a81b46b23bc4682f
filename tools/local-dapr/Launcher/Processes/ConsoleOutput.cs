namespace Dapr.AiProvider.LocalDapr.Launcher.Processes;

/// <summary>One writer for every line the launcher prints, so lines of several processes never interleave.</summary>
internal sealed class ConsoleOutput(TextWriter stdout, TextWriter stderr)
{
    private readonly Lock _gate = new();

    public static ConsoleOutput Default { get; } = new(Console.Out, Console.Error);

    public void Line(string text)
    {
        lock (_gate)
        {
            stdout.WriteLine(text);
            stdout.Flush();
        }
    }

    public void Error(string text)
    {
        lock (_gate)
        {
            stderr.WriteLine(text);
            stderr.Flush();
        }
    }
}
