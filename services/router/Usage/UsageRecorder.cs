using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Pipeline;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Diagnostics;

namespace Dapr.AiProvider.Router.Usage;

/// <summary>Turns a finished request into a <see cref="UsageRecorded"/> event (queued, never awaited) and metrics.</summary>
internal sealed class UsageRecorder(UsageQueue queue, RouterMetrics metrics, CallerRateLimiter rateLimiter, TimeProvider time)
{
    public void Record(ChatCall call, Decision decision, int status, ErrorClass? errorClass)
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
            Status = status,
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
}
