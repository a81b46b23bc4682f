using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dapr.AiProvider.ServiceDefaults.Telemetry;

/// <summary>
/// Console logs as log shippers read them: <c>AIPROVIDER_LOG_FORMAT=json</c> writes one JSON object per line
/// (UTC timestamp, category, event id, message, the message's fields as <c>State</c>, and the scopes). Every line
/// logged inside a request carries its <c>TraceId</c>/<c>SpanId</c> (from the current Activity) and ASP.NET
/// Core's <c>RequestId</c> scope. Messages never hold keys or prompts: every log call is a
/// <c>[LoggerMessage]</c> whose fields are ids, names and counts.
/// </summary>
internal static class LogDefaults
{
    public const string FormatVariable = "AIPROVIDER_LOG_FORMAT";

    public static IHostApplicationBuilder AddLogDefaults(this IHostApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (string.Equals(builder.Configuration[FormatVariable], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        return builder;
    }
}
