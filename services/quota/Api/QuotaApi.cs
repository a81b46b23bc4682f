using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Quota.Actors;
using Dapr.AiProvider.Quota.Policy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dapr.AiProvider.Quota.Api;

/// <summary>
/// The quota service's HTTP API (reached only through the sidecar; the router's admin API proxies to it):
/// usage analytics from the ledger, and status / limits / bench of a scope's <c>QuotaActor</c>.
/// </summary>
internal static class QuotaApi
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
        group.MapGet("/windows", GetWindows);
        group.MapPut("/limits/{scope}", PutLimits);
        group.MapPost("/bench/{scope}", PostBench);
        return app;
    }

    internal static Task<Results<Ok<QuotaStatus>, ProblemHttpResult>> GetStatus(string scope, IQuotaActorClient actors,
        ILoggerFactory loggers) =>
        ActorCall.RunAsync(scope, loggers, () => actors.For(scope).GetStatusAsync());

    /// <summary>Most scopes one <c>GET /quota/windows</c> reads (a catalog has a few dozen free models).</summary>
    public const int MaxWindowScopes = 200;

    /// <summary>
    /// <c>GET /quota/windows?scope=provider:…&amp;scope=…</c>: the status of several provider-window scopes in one call
    /// (the console's free-tier headroom), read-only, at most 8 actors at once. Scopes travel in the query string: a
    /// model id may hold a <c>/</c>, which a path segment would not carry intact. A scope whose actor cannot be read is
    /// listed as unavailable (logged) instead of failing the others.
    /// </summary>
    internal static async Task<Results<Ok<WindowsReport>, ProblemHttpResult>> GetWindows([FromQuery] string[]? scope,
        IQuotaActorClient actors, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var scopes = (scope ?? []).Distinct(StringComparer.Ordinal).ToArray();
        if (scopes.Length is 0 or > MaxWindowScopes
            || scopes.Any(s => !s.StartsWith(QuotaScopes.Provider(""), StringComparison.Ordinal) || !QuotaScope.IsValid(s)))
        {
            return Invalid(new() { ["scope"] = [$"1 to {MaxWindowScopes} scopes 'provider:{{id}}' or 'provider:{{id}}:{{model}}' are required."] });
        }
        var statuses = new QuotaStatus?[scopes.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, scopes.Length),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                try
                {
                    statuses[i] = await actors.For(scopes[i]).GetStatusAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    ActorCall.Unavailable(loggers, scopes[i], ex);
                }
            });
        return TypedResults.Ok(new WindowsReport
        {
            Statuses = [.. statuses.OfType<QuotaStatus>()],
            Unavailable = [.. scopes.Where((_, i) => statuses[i] is null)],
        });
    }

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

/// <summary>Answer of <c>GET /quota/windows</c>: the scopes read, in the order asked, and those whose actor could not be read.</summary>
internal sealed record WindowsReport
{
    [System.Text.Json.Serialization.JsonPropertyName("statuses")] public IReadOnlyList<QuotaStatus> Statuses { get; init; } = [];
    [System.Text.Json.Serialization.JsonPropertyName("unavailable")] public IReadOnlyList<string> Unavailable { get; init; } = [];
}
