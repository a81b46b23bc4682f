namespace Dapr.AiProvider.ProviderSimulator.Faults;

/// <summary>Wire names of faults and which of them are plain HTTP errors.</summary>
internal static class FaultNames
{
    private static readonly Dictionary<string, FaultKind> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rate_limited"] = FaultKind.RateLimited,
        ["quota_exhausted"] = FaultKind.QuotaExhausted,
        ["quota_zero"] = FaultKind.QuotaZero,
        ["overloaded"] = FaultKind.Overloaded,
        ["key_invalid"] = FaultKind.KeyInvalid,
        ["billing"] = FaultKind.Billing,
        ["context_length"] = FaultKind.ContextLength,
        ["model_not_found"] = FaultKind.ModelNotFound,
        ["server_error"] = FaultKind.ServerError,
        ["retry_after_http_date"] = FaultKind.RetryAfterHttpDate,
        ["retry_after_ms"] = FaultKind.RetryAfterMs,
        ["content_filter"] = FaultKind.ContentFilter,
        ["stream_error_before_content"] = FaultKind.StreamErrorBeforeContent,
        ["stream_cut"] = FaultKind.StreamCut,
        ["stall"] = FaultKind.Stall,
        ["slow_drip"] = FaultKind.SlowDrip,
        ["usage_choices_null"] = FaultKind.UsageChoicesNull,
        ["model_retired"] = FaultKind.ModelRetired,
    };

    private static readonly Dictionary<FaultKind, string> ByKind = ByName.ToDictionary(p => p.Value, p => p.Key);

    public static IEnumerable<string> All => ByName.Keys;

    public static bool TryParse(string? name, out FaultKind kind)
    {
        kind = default;
        return name is not null && ByName.TryGetValue(name.Trim(), out kind);
    }

    public static string Name(FaultKind kind) => ByKind[kind];

    /// <summary>Faults answered with an HTTP error status instead of a (possibly broken) 200.</summary>
    public static bool IsHttpError(FaultKind kind) => kind is not (FaultKind.ContentFilter or FaultKind.StreamErrorBeforeContent
        or FaultKind.StreamCut or FaultKind.Stall or FaultKind.SlowDrip or FaultKind.UsageChoicesNull);
}
