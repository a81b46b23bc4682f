namespace Dapr.AiProvider.LocalDapr.Launcher.Supervision;

/// <summary>Says how a process ended: .NET reports a process killed by signal N as exit code 128 + N.</summary>
internal static class ExitDescription
{
    public static string Of(int exitCode) => exitCode switch
    {
        > 128 and < 160 => $"code {exitCode} ({SignalName(exitCode - 128)})",
        _ => $"code {exitCode}",
    };

    private static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        6 => "SIGABRT",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        15 => "SIGTERM",
        _ => $"signal {signal}",
    };
}
