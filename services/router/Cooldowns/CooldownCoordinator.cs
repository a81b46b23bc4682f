using Dapr.AiProvider.Router.Routing;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Cooldowns;

/// <summary>
/// Turns quota / rate-limit / account failures into cooldowns: locally at once, and on the shared
/// <c>QuotaActor</c> in the background (never delaying the failover).
/// </summary>
internal sealed partial class CooldownCoordinator(
    ProviderCooldowns cooldowns, ICooldownNotifier notifier, IOptions<RouterOptions> options, TimeProvider time,
    IHostApplicationLifetime lifetime, ILogger<CooldownCoordinator> logger)
{
    /// <summary>Cools the provider (or model) down when the error class calls for it; returns whether it did.</summary>
    public bool Apply(AdapterError error)
    {
        var now = time.GetUtcNow();
        var until = error.Class switch
        {
            ErrorClass.RateLimited => error.RetryAt ?? now.AddSeconds(options.Value.Circuit.DefaultBenchSeconds),
            ErrorClass.QuotaExhausted => error.RetryAt ?? QuotaReset(error.QuotaWindow, now),
            ErrorClass.KeyInvalid or ErrorClass.Billing => error.RetryAt ?? now.AddMinutes(10),
            ErrorClass.ModelNotFound => now.AddMinutes(10),
            _ => (DateTimeOffset?)null,
        };
        if (until is not { } benchUntil || string.IsNullOrEmpty(error.Provider))
        {
            return false;
        }
        var perModel = error.PerModel || error.Class == ErrorClass.ModelNotFound
                       || (error.Class == ErrorClass.QuotaExhausted && error.QuotaWindow == QuotaWindowKind.None);
        var scope = perModel && !string.IsNullOrEmpty(error.Model)
            ? QuotaScopes.ProviderModel(error.Provider, error.Model)
            : QuotaScopes.Provider(error.Provider);
        var reason = error.Class.ToString();
        cooldowns.Start(scope, benchUntil, reason);
        Log.Benched(logger, scope, benchUntil, reason);
        _ = NotifyAsync(scope, new BenchRequest { Until = benchUntil, Reason = reason });
        return true;
    }

    private async Task NotifyAsync(string scope, BenchRequest request)
    {
        try
        {
            await notifier.ShareAsync(scope, request, lifetime.ApplicationStopping);
        }
        catch (Exception ex)
        {
            Log.NotifyFailed(logger, scope, ex.GetType().Name);
        }
    }

    private static DateTimeOffset QuotaReset(QuotaWindowKind? window, DateTimeOffset now) => window switch
    {
        QuotaWindowKind.Minute => now.AddMinutes(1),
        QuotaWindowKind.Month => new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1),
        QuotaWindowKind.None => now.AddDays(1),
        _ => new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1),
    };

    private static partial class Log
    {
        [LoggerMessage(1301, LogLevel.Warning, "Benched {Scope} until {Until} ({Reason})")]
        public static partial void Benched(ILogger logger, string scope, DateTimeOffset until, string reason);

        [LoggerMessage(1302, LogLevel.Warning, "Could not share the bench of {Scope} with the quota service ({Failure}); kept locally")]
        public static partial void NotifyFailed(ILogger logger, string scope, string failure);
    }
}
