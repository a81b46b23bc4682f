using Microsoft.AspNetCore.Http.HttpResults;

namespace Dapr.AiProvider.Quota.Api;

/// <summary>
/// The console's cluster-wide reads (proxied by every router replica's <c>/admin/decisions</c> and <c>/admin/overview</c>):
/// the ledger holds every replica's requests, so any replica finds a request another one answered.
/// </summary>
internal static class ConsoleEndpoints
{
    public const int MaxDecisions = 200;

    /// <summary>Longest request id prefix, provider or key id a search accepts (longer cannot match a ledger value).</summary>
    private const int MaxFilter = 200;

    /// <summary><c>GET /quota/decisions?requestId=&amp;provider=&amp;keyId=&amp;outcome=ok|error&amp;from=&amp;to=&amp;limit=</c>: newest first.</summary>
    internal static async Task<Results<Ok<IReadOnlyList<DecisionRecord>>, ProblemHttpResult>> GetDecisions(string? requestId, string? provider,
        string? keyId, string? outcome, string? from, string? to, int? limit, ConsoleLedger ledger, TimeProvider time, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var valid = TimeRange.TryParse(from, to, time.GetUtcNow(), out var start, out var end, out var errors);
        if (limit is < 1 or > MaxDecisions)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxDecisions}."];
            valid = false;
        }
        if (outcome is not (null or "ok" or "error"))
        {
            errors["outcome"] = ["outcome must be ok or error."];
            valid = false;
        }
        foreach (var (name, value) in new[] { ("requestId", requestId), ("provider", provider), ("keyId", keyId) })
        {
            if (value is { Length: > MaxFilter })
            {
                errors[name] = [$"{name} must be at most {MaxFilter} characters."];
                valid = false;
            }
        }
        if (!valid)
        {
            return QuotaApi.Invalid(errors);
        }
        var query = new DecisionQuery(start, end, limit ?? 50, Blank(requestId), Blank(provider), Blank(keyId),
            outcome is null ? null : outcome == "error");
        return await LedgerCall.RunAsync(loggers, () => ledger.DecisionsAsync(query, cancellationToken));
    }

    /// <summary><c>GET /quota/overview</c>: the last <see cref="ConsoleLedger.OverviewMinutes"/> minutes of the whole cluster.</summary>
    internal static Task<Results<Ok<ConsoleOverview>, ProblemHttpResult>> GetOverview(ConsoleLedger ledger, TimeProvider time,
        ILoggerFactory loggers, CancellationToken cancellationToken) =>
        LedgerCall.RunAsync(loggers, () => ledger.OverviewAsync(time.GetUtcNow(), cancellationToken));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
