using Dapr.AiProvider.Router.Switches;
using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Auth;

namespace Dapr.AiProvider.Router.Admin;

/// <summary>
/// Records every admin action: a structured log line always, and a row in quota's <c>audit_log</c>
/// (<c>POST /quota/audit</c>); a failed write is logged, never fails the action that already happened.
/// </summary>
internal sealed partial class AdminAudit(QuotaAdminClient quota, ILogger<AdminAudit> logger)
{
    public async Task RecordAsync(ApiKeyIdentity actor, string action, string target, int status, CancellationToken cancellationToken)
    {
        Log.Action(logger, actor.KeyId, actor.Role, action, target, status);
        try
        {
            var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
                new AuditBody(actor.KeyId, action, target, $"status={status}; role={actor.Role}; via={actor.Source}"), AdminJsonContext.Default.AuditBody);
            var result = await quota.SendAsync(HttpMethod.Post, "quota/audit", body, cancellationToken);
            if (!result.IsSuccess)
            {
                Log.WriteFailed(logger, action, $"status {result.Status}");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Log.WriteFailed(logger, action, ex.GetType().Name);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2201, LogLevel.Information, "Admin audit: {Actor} ({Role}) {Action} {Target} -> {Status}")]
        public static partial void Action(ILogger logger, string actor, string role, string action, string target, int status);

        [LoggerMessage(2202, LogLevel.Warning, "Admin audit row for {Action} not written ({Error})")]
        public static partial void WriteFailed(ILogger logger, string action, string error);
    }
}

internal sealed record AuditBody(string Actor, string Action, string Target, string Details);
