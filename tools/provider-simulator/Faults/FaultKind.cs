namespace Dapr.AiProvider.ProviderSimulator.Faults;

/// <summary>The fault catalog (reference/providers.md §6–§7); wire names are snake_case (see <see cref="FaultNames"/>).</summary>
internal enum FaultKind
{
    RateLimited,
    QuotaExhausted,
    QuotaZero,
    Overloaded,
    KeyInvalid,
    Billing,
    ContextLength,
    ModelNotFound,
    ServerError,
    RetryAfterHttpDate,
    RetryAfterMs,
    ContentFilter,
    StreamErrorBeforeContent,
    StreamCut,
    Stall,
    SlowDrip,
    UsageChoicesNull,
    /// <summary>The model is retired: 410 Gone (GitHub Models), <c>model_decommissioned</c> (Groq), the provider's own wording.</summary>
    ModelRetired,
}
