using Dapr.AiProvider.Contracts.Quota;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dapr.AiProvider.Quota.Api;

/// <summary>Scope check + actor call, with sidecar/actor failures turned into ProblemDetails (never a stack trace).</summary>
internal static partial class ActorCall
{
    public static async Task<Results<Ok<QuotaStatus>, ProblemHttpResult>> RunAsync(string scope, ILoggerFactory loggers,
        Func<Task<QuotaStatus>> call)
    {
        if (!QuotaScope.IsValid(scope))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid scope",
                detail: "scope must be 'global', 'key:{id}', 'team:{name}', 'provider:{id}' or 'provider:{id}:{model}'.");
        }
        try
        {
            return TypedResults.Ok(await call());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Unavailable(loggers, scope, ex);
        }
    }

    /// <summary>A failed actor call as a logged 503 ProblemDetails.</summary>
    public static ProblemHttpResult Unavailable(ILoggerFactory loggers, string scope, Exception ex)
    {
        Log.ActorCallFailed(loggers.CreateLogger(typeof(ActorCall).FullName!), scope, ex.GetType().Name);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Quota actor unavailable",
            detail: $"The quota actor for '{scope}' could not be reached or refused the call.");
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Quota actor call for {Scope} failed ({Error})")]
        public static partial void ActorCallFailed(ILogger logger, string scope, string error);
    }
}
