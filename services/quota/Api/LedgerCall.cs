using Microsoft.AspNetCore.Http.HttpResults;

namespace Dapr.AiProvider.Quota.Api;

/// <summary>Runs a ledger query; PostgreSQL (or its secret) being unavailable becomes a 503 ProblemDetails.</summary>
internal static partial class LedgerCall
{
    public static async Task<Results<Ok<T>, ProblemHttpResult>> RunAsync<T>(ILoggerFactory loggers, Func<Task<T>> query)
    {
        try
        {
            return TypedResults.Ok(await query());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.QueryFailed(loggers.CreateLogger(typeof(LedgerCall).FullName!), ex.GetType().Name);
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Ledger unavailable",
                detail: "The usage ledger (PostgreSQL) could not be queried; try again later.");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Ledger query failed ({Error})")]
        public static partial void QueryFailed(ILogger logger, string error);
    }
}
