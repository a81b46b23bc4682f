using System.Diagnostics;
using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Pipeline;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Diagnostics;
using Dapr.AiProvider.Router.Failover;

namespace Dapr.AiProvider.Router.Usage;

/// <summary>
/// Turns a finished request into a <see cref="UsageRecorded"/> event (queued, never awaited) with its routing explanation
/// (kept in the ledger for the console's Decisions page, whichever replica answered) and metrics.
/// </summary>
internal sealed class UsageRecorder(UsageQueue queue, RouterMetrics metrics, CallerRateLimiter rateLimiter, TimeProvider time)
{
    /// <param name="errorCode">The gateway's error code the caller saw (<c>providers_unavailable</c>, …); null on success.</param>
    public void Record(ChatCall call, Decision decision, int status, ErrorClass? errorClass, string? errorCode = null)
    {
        var elapsed = time.GetElapsedTime(call.StartedTimestamp);
        queue.Enqueue(new UsageRecorded
        {
            RequestId = call.RequestId,
            OccurredAt = time.GetUtcNow(),
            ApiKeyId = call.Identity.KeyId,
            Team = call.Identity.Team,
            CallerAppId = call.Identity.CallerAppId,
            TaskType = call.TaskType,
            Provider = decision.Provider,
            Model = decision.Model,
            Tokens = decision.Tokens,
            CostMicros = decision.Cache == CacheStatus.Hit ? 0 : decision.CostMicros ?? 0,
            LatencyMs = Math.Round(elapsed.TotalMilliseconds, 3),
            CacheHit = decision.Cache == CacheStatus.Hit,
            Attempts = decision.Attempts,
            Stream = call.Stream,
            ErrorClass = errorClass,
            ErrorCode = errorCode,
            Status = status,
            Traceparent = RequestTraceparent(),
            Decision = new RoutingExplanation
            {
                RequestedModel = call.Request.Model, RouteReason = decision.RouteReason, FailedCandidates = decision.Fallbacks,
                Cache = CacheName(decision.Cache), UpstreamMs = decision.UpstreamMs,
            }.Bounded(),
        });
        if (decision.Cache != CacheStatus.Hit)
        {
            // Cache hits cost no provider capacity, so they do not count against tokens per minute.
            rateLimiter.ChargeTokens(call.Identity, decision.Tokens.TotalTokens);
        }
        metrics.Request(decision.Provider ?? "none", call.TaskType, decision.Model ?? "none", status, elapsed.TotalSeconds, call.Identity.CallerAppId);
        metrics.Overhead(Math.Max(0, elapsed.TotalMilliseconds - decision.UpstreamMs));
        if (decision.Cache != CacheStatus.Bypass)
        {
            metrics.CacheLookup(decision.Cache == CacheStatus.Hit ? "hit" : "miss");
        }
    }

    /// <summary>The explanation's cache outcome; constants, where the enum's name lowered allocated two strings per request.</summary>
    private static string CacheName(CacheStatus cache) => cache switch
    {
        CacheStatus.Hit => "hit",
        CacheStatus.Miss => "miss",
        _ => "bypass",
    };

    /// <summary>
    /// The request span's W3C id (<c>00-…</c>). Every caller records while handling the request and after its own
    /// child spans ended, so <see cref="Activity.Current"/> is ASP.NET Core's request span (whose parent is the
    /// client's <c>traceparent</c>, when it sent one).
    /// </summary>
    private static string? RequestTraceparent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;
}
