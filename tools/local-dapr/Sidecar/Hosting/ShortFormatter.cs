using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>Writes <c>level message</c> plus the exception's message chain (no stack traces: the launcher shows these lines).</summary>
internal sealed class ShortFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "localdapr";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var level = logEntry.LogLevel switch
        {
            LogLevel.Trace => "trace",
            LogLevel.Debug => "debug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "error",
            _ => "fatal",
        };
        textWriter.Write(level);
        textWriter.Write(' ');
        textWriter.Write(message);
        for (var e = logEntry.Exception; e is not null; e = e.InnerException)
        {
            textWriter.Write(": ");
            textWriter.Write(e.Message);
        }
        textWriter.WriteLine();
    }
}
