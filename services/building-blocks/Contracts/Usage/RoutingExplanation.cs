using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Contracts.Usage;

/// <summary>
/// Why a request went where it went, as the console's Decisions page shows it: the model the caller asked for,
/// the route reason, the candidates that failed before the winner (in order, e.g. <c>openai/gpt-4o:rate_limited</c>),
/// the cache outcome (<c>hit</c>, <c>miss</c>, <c>bypass</c>) and the time spent upstream. Sent with
/// <see cref="UsageRecorded"/> and kept in the ledger, so every router replica reads every replica's decisions.
/// </summary>
public sealed record RoutingExplanation
{
    /// <summary>Longest kept string: the model name comes from the caller.</summary>
    public const int MaxText = 200;

    /// <summary>Most failed candidates kept (a request tries a handful; the attempt count stays exact). With <see cref="MaxText"/>, at most ~12 KB of JSON even if every character needs a \u escape (migration 0008 checks 16 KB).</summary>
    public const int MaxCandidates = 8;

    [JsonPropertyName("requestedModel")] public string? RequestedModel { get; set; }
    [JsonPropertyName("routeReason")] public string RouteReason { get; set; } = "";
    [JsonPropertyName("failedCandidates")] public IReadOnlyList<string> FailedCandidates { get; set; } = [];
    [JsonPropertyName("cache")] public string Cache { get; set; } = "bypass";
    [JsonPropertyName("upstreamMs")] public double UpstreamMs { get; set; }

    /// <summary>
    /// The same explanation within <see cref="MaxText"/> and <see cref="MaxCandidates"/>: the router bounds what it
    /// sends and quota bounds what it stores (a message on the topic is not trusted to be small).
    /// </summary>
    public RoutingExplanation Bounded() => new()
    {
        RequestedModel = Clip(RequestedModel),
        RouteReason = Clip(RouteReason) ?? "",
        FailedCandidates = FailedCandidates is not { Count: > 0 } ? [] : [.. FailedCandidates.Take(MaxCandidates).Select(c => Clip(c) ?? "")],
        Cache = Cache is "hit" or "miss" or "bypass" ? Cache : "bypass",
        UpstreamMs = double.IsFinite(UpstreamMs) ? Math.Round(Math.Max(0, UpstreamMs), 1) : 0,
    };

    /// <summary>
    /// At most <see cref="MaxText"/> characters, with control characters and unpaired surrogates replaced by U+FFFD:
    /// PostgreSQL's jsonb refuses <c>\u0000</c> and lone surrogates, and one such value would fail its whole batch.
    /// </summary>
    private static string? Clip(string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (value.Length <= MaxText && IsClean(value))
        {
            return value; // the router's own names, almost always: nothing to copy (one is bounded per request)
        }
        var text = value.Length > MaxText ? value[..MaxText] : value;
        var clean = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else
            {
                clean.Append(char.IsControl(c) || char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return clean.ToString();
    }

    /// <summary>No control character and no surrogate: <see cref="Clip"/> would copy it unchanged.</summary>
    private static bool IsClean(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                return false;
            }
        }
        return true;
    }
}
