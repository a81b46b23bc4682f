namespace Dapr.AiProvider.Router.Console;

/// <summary>
/// One finished request as the console shows it: who asked for what, where it went and why (the route reason
/// and the candidates that failed before the winner, in order), cache, cost, tokens, latency and outcome.
/// </summary>
internal sealed record DecisionEntry(
    string RequestId,
    DateTimeOffset At,
    string KeyId,
    string? Team,
    string TaskType,
    string? RequestedModel,
    bool Stream,
    string? Provider,
    string? Model,
    string RouteReason,
    int Attempts,
    IReadOnlyList<string> FailedCandidates,
    string Cache,
    long CostMicros,
    int InputTokens,
    int OutputTokens,
    double LatencyMs,
    double UpstreamMs,
    int Status,
    string? ErrorClass);
