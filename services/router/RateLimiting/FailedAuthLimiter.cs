using System.Threading.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.RateLimiting;

/// <summary>
/// Failed authentications per client (its address: the TCP peer, or the forwarded client when the host trusts a
/// proxy's <c>X-Forwarded-For</c>), in one-minute fixed windows of this replica. A client over
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
    public bool IsBlocked(HttpContext context, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_failures is null)
        {
            return false;
        }
        // Zero permits only asks whether any are left; nothing is spent.
        using var lease = _failures.AttemptAcquire(ClientOf(context), 0);
        if (lease.IsAcquired)
        {
            return false;
        }
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Window;
        return true;
    }

    /// <summary>Counts one failed authentication against the client.</summary>
    public void Failed(HttpContext context)
    {
        _failures?.AttemptAcquire(ClientOf(context)).Dispose();
    }

    private static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public void Dispose() => _failures?.Dispose();
}
