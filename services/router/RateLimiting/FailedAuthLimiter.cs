using System.Threading.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.RateLimiting;

/// <summary>
/// Failed authentications per client, in one-minute fixed windows of this replica. A client is the Dapr app that
/// called through the router's own sidecar (its sidecar-proven <c>dapr-caller-app-id</c>): every mesh caller reaches
/// the router from its sidecar's address (127.0.0.1 locally), so keyed by address one guessing app would lock out
/// every other app. Any other client is its address (the TCP peer, or the forwarded client when the host trusts a
/// proxy's <c>X-Forwarded-For</c>). A client over
/// <c>Router:Auth:FailedAuthPerMinute</c> is refused before its credential is looked at, so guessing keys costs
/// no quota call. Idle windows are dropped by <see cref="PartitionedRateLimiter"/> itself.
/// </summary>
internal sealed class FailedAuthLimiter : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly PartitionedRateLimiter<string>? _failures;

    public FailedAuthLimiter(IOptions<AuthOptions> options)
    {
        var limit = options.Value.FailedAuthPerMinute;
        if (limit > 0)
        {
            _failures = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = Window, QueueLimit = 0, AutoReplenishment = true }));
        }
    }

    /// <summary>True when the client has no failures left this window; <paramref name="retryAfter"/> says for how long.</summary>
    /// <param name="callerApp">The sidecar-proven caller app id (<see cref="Auth.DaprCaller.AppIdOf"/>), or null.</param>
    public bool IsBlocked(HttpContext context, string? callerApp, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_failures is null)
        {
            return false;
        }
        // Zero permits only asks whether any are left; nothing is spent.
        using var lease = _failures.AttemptAcquire(ClientOf(context, callerApp), 0);
        if (lease.IsAcquired)
        {
            return false;
        }
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Window;
        return true;
    }

    /// <summary>Counts one failed authentication against the client.</summary>
    public void Failed(HttpContext context, string? callerApp)
    {
        _failures?.AttemptAcquire(ClientOf(context, callerApp)).Dispose();
    }

    // The prefixes keep an app id from ever sharing a window with an address.
    private static string ClientOf(HttpContext context, string? callerApp) =>
        callerApp is not null ? "app:" + callerApp : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    public void Dispose() => _failures?.Dispose();
}
