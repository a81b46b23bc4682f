using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Caching;
using System.Diagnostics.CodeAnalysis;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Pipeline;

namespace Dapr.AiProvider.Router.Api;

/// <summary>Builds a <see cref="ChatCall"/> from an HTTP request and the parsed chat request.</summary>
internal static class CallFactory
{
    public const string TaskTypeHeader = "x-aiprovider-task-type";
    public const string StrategyHeader = "x-aiprovider-strategy";
    public const string CacheHeader = "x-aiprovider-cache";

    /// <summary><paramref name="taskType"/> is the caller's own string: it enters the call only as a name of the closed list.</summary>
    public static ChatCall Create(HttpContext context, ChatCompletionRequest request, string taskType, RouterOptions settings,
        RoutingStrategy? strategy, long started) => new()
    {
        RequestId = RequestIds.For(context),
        Identity = ApiKeyFilter.IdentityOf(context),
        TaskType = TaskTypeNames.Canonical(settings.TaskTypes, taskType),
        RequestedTaskType = TaskTypeNames.Echo(taskType),
        Request = request,
        Strategy = strategy,
        Stream = request.Stream == true,
        CacheControl = context.Request.Headers.CacheControl.ToString(),
        CacheHeader = context.Request.Headers[CacheHeader].ToString(),
        StartedTimestamp = started,
    };

    /// <summary>Parses cost | latency | quality | weighted | least-busy (null or empty = the route's own).</summary>
    public static bool TryParseStrategy(string? value, out RoutingStrategy? strategy, [NotNullWhen(false)] out GatewayError? error)
    {
        error = null;
        strategy = null;
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "":
                return true;
            case "cost" or "cheapest":
                strategy = RoutingStrategy.Cost;
                return true;
            case "latency":
                strategy = RoutingStrategy.Latency;
                return true;
            case "quality":
                strategy = RoutingStrategy.Quality;
                return true;
            case "weighted":
                strategy = RoutingStrategy.Weighted;
                return true;
            case "least-busy" or "least_busy" or "leastbusy":
                strategy = RoutingStrategy.LeastBusy;
                return true;
            default:
                error = GatewayError.Unprocessable($"Unknown preference '{value}': use cost, latency, quality, weighted or least-busy.", "preference");
                return false;
        }
    }
}
