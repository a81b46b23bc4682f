using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Quota.Actors;
using Dapr.AiProvider.Quota.Policy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dapr.AiProvider.Quota.Api;

/// <summary>
/// The quota service's HTTP API (reached only through the sidecar; the router's admin API proxies to it):
/// usage analytics from the ledger, and status / limits / bench of a scope's <c>QuotaActor</c>.
/// </summary>
public static class QuotaApi
{
    public static IEndpointRouteBuilder MapQuotaApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/quota");
        group.MapGet("/usage", AnalyticsEndpoints.GetUsage);
        group.MapGet("/top-consumers", AnalyticsEndpoints.GetTopConsumers);
        group.MapGet("/cache-hit-rate", AnalyticsEndpoints.GetCacheHitRate);
        group.MapGet("/decisions", ConsoleEndpoints.GetDecisions);
        group.MapGet("/overview", ConsoleEndpoints.GetOverview);
        group.MapGet("/status/{scope}", GetStatus);
        group.MapPut("/limits/{scope}", PutLimits);
        group.MapPost("/bench/{scope}", PostBench);
        return app;
    }

    internal static Task<Results<Ok<QuotaStatus>, ProblemHttpResult>> GetStatus(string scope, IQuotaActorClient actors,
        ILoggerFactory loggers) =>
        ActorCall.RunAsync(scope, loggers, () => actors.For(scope).GetStatusAsync());

    internal static async Task<Results<Ok<QuotaStatus>, ProblemHttpResult>> PutLimits(string scope, QuotaLimits? limits,
        IQuotaActorClient actors, ILoggerFactory loggers)
    {
        var errors = QuotaLimitsValidator.Validate(limits);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        return await ActorCall.RunAsync(scope, loggers, async () =>
        {
            var actor = actors.For(scope);
            await actor.SetLimitsAsync(limits!);
            return await actor.GetStatusAsync();
        });
    }

    internal static async Task<Results<Ok<QuotaStatus>, ProblemHttpResult>> PostBench(string scope, BenchRequest? request,
        IQuotaActorClient actors, ILoggerFactory loggers)
    {
        if (request is null || request.Until == default || request.Reason is null || request.Reason.Length > 500)
        {
            return Invalid(new() { ["until"] = ["A body with until (ISO 8601) and a reason of at most 500 characters is required."] });
        }
        return await ActorCall.RunAsync(scope, loggers, async () =>
        {
            var actor = actors.For(scope);
            await actor.BenchAsync(request);
            return await actor.GetStatusAsync();
        });
    }

    internal static ProblemHttpResult Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The request is not valid.",
        });
}
