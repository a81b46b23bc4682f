using Microsoft.Extensions.Logging.Console;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>Short one-line logs (<c>level message</c>): the launcher prefixes each line with the app id.</summary>
internal static class SidecarLogging
{
    public static ILoggingBuilder AddSidecarLogging(this ILoggingBuilder logging, string level)
    {
        logging.ClearProviders();
        // The short format prints no scopes, so none are captured: ASP.NET Core's hosting opens one per request.
        logging.Services.Configure<LoggerFilterOptions>(o => o.CaptureScopes = false);
        logging.AddConsole(o => o.FormatterName = ShortFormatter.Name);
        logging.AddConsoleFormatter<ShortFormatter, ConsoleFormatterOptions>();
        logging.SetMinimumLevel(level.ToLowerInvariant() switch
        {
            "debug" => LogLevel.Debug,
            "warn" or "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            "fatal" => LogLevel.Critical,
            _ => LogLevel.Information,
        });
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Grpc", LogLevel.Warning);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        return logging;
    }
}
