using System.Globalization;

namespace Dapr.AiProvider.Client;

/// <summary>Whether the gateway answered from its response cache (<c>x-aiprovider-cache</c>).</summary>
public enum GatewayCacheStatus
{
    /// <summary>The header was missing or carried a value this client does not know.</summary>
    Unknown,
    /// <summary>The request was not cacheable (not deterministic, or <c>Cache-Control: no-store</c>).</summary>
    Bypass,
    /// <summary>Cacheable, answered by a provider and stored.</summary>
    Miss,
    /// <summary>Answered from the cache: nothing was spent.</summary>
    Hit,
}

/// <summary>
/// Why the gateway answered the way it did: the <c>x-aiprovider-*</c> headers of one answer, typed.
/// Attached to every <c>ChatResponse</c> and <c>ChatResponseUpdate</c> the client returns
/// (read it with <c>GetGatewayDecision()</c>).
/// </summary>
public sealed record GatewayDecision
{
    /// <summary>The key under which the decision sits in <c>AdditionalProperties</c>.</summary>
    public const string AdditionalPropertiesKey = "aiprovider.decision";

    /// <summary>The gateway's request id (<c>x-aiprovider-request-id</c>), also the ledger row's id.</summary>
    public required string RequestId { get; init; }
    /// <summary>The provider that answered, e.g. <c>gemini</c>; null when none did.</summary>
    public string? Provider { get; init; }
    /// <summary>The provider's model that answered, e.g. <c>gemini-2.5-flash</c>; null when none did.</summary>
    public string? Model { get; init; }
    /// <summary>Why this candidate was chosen, e.g. <c>free-tier</c>; null when not stated.</summary>
    public string? RouteReason { get; init; }
    /// <summary>Upstream attempts made (0 for a cache hit or a refused request).</summary>
    public int Attempts { get; init; }
    /// <summary>Candidates that failed before the winner, e.g. <c>openai/gpt-4o:rate_limited</c>.</summary>
    public IReadOnlyList<string> Fallbacks { get; init; } = [];
    /// <summary>Whether the answer came from the response cache.</summary>
    public GatewayCacheStatus Cache { get; init; }
    /// <summary>What the answer cost in US dollars (0 for free tiers and cache hits).</summary>
    public decimal CostUsd { get; init; }
    /// <summary>
    /// True when <see cref="CostUsd"/> is an estimate: a stream's headers are sent before its usage is known
    /// (the ledger holds the exact cost).
    /// </summary>
    public bool CostEstimated { get; init; }
    /// <summary>What is left of the key's budget in US dollars; null when the key has no budget.</summary>
    public decimal? BudgetRemainingUsd { get; init; }
    /// <summary>Time the gateway itself spent, in milliseconds; null when not sent.</summary>
    public double? OverheadMs { get; init; }

    /// <summary>
    /// Reads the decision from an answer's headers; null when the answer did not come from the gateway
    /// (no <c>x-aiprovider-request-id</c>).
    /// </summary>
    /// <param name="header">Returns the value of a response header, or null when absent.</param>
    public static GatewayDecision? FromHeaders(Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header(GatewayHeaders.RequestId) is not { Length: > 0 } requestId)
        {
            return null;
        }
        return new GatewayDecision
        {
            RequestId = requestId,
            Provider = Named(header(GatewayHeaders.Provider)),
            Model = Named(header(GatewayHeaders.Model)),
            RouteReason = Named(header(GatewayHeaders.RouteReason)),
            Attempts = int.TryParse(header(GatewayHeaders.Attempts), NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) ? attempts : 0,
            Fallbacks = header(GatewayHeaders.Fallbacks) is { Length: > 0 } fallbacks
                ? fallbacks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [],
            Cache = header(GatewayHeaders.Cache) switch
            {
                "HIT" => GatewayCacheStatus.Hit,
                "MISS" => GatewayCacheStatus.Miss,
                "BYPASS" => GatewayCacheStatus.Bypass,
                _ => GatewayCacheStatus.Unknown,
            },
            CostUsd = Usd(header(GatewayHeaders.CostUsd)) ?? 0m,
            CostEstimated = string.Equals(header(GatewayHeaders.CostEstimated), "true", StringComparison.OrdinalIgnoreCase),
            BudgetRemainingUsd = Usd(header(GatewayHeaders.BudgetRemaining)),
            OverheadMs = double.TryParse(header(GatewayHeaders.OverheadMs), NumberStyles.Float, CultureInfo.InvariantCulture, out var overhead) ? overhead : null,
        };
    }

    /// <summary>The gateway writes <c>none</c> where nothing was chosen.</summary>
    private static string? Named(string? value) => value is { Length: > 0 } and not "none" ? value : null;

    /// <summary>Dollar amounts are invariant decimals; <c>unlimited</c> (budget) reads as null.</summary>
    private static decimal? Usd(string? value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var usd) ? usd : null;
}
