namespace Dapr.AiProvider.ProviderSimulator.Faults;

/// <summary>Body of <c>POST /_sim/faults</c>.</summary>
public sealed record FaultRequest(string? Provider, string? Model, string? Fault, int? Count, double? RetryAfterSeconds);

/// <summary>A scripted fault as the control API shows it.</summary>
public sealed record FaultView(string Id, string Provider, string? Model, string Fault, int? Remaining, double? RetryAfterSeconds);

/// <summary>Body of <c>GET /_sim/faults</c>.</summary>
public sealed record FaultList(IReadOnlyList<FaultView> Faults);

/// <summary>Requests one provider received, per model.</summary>
public sealed record ProviderCounts(int Total, IReadOnlyDictionary<string, int> Models);

/// <summary>Requests counted in total, per provider and per model.</summary>
public sealed record Counts(int Total, IReadOnlyDictionary<string, ProviderCounts> Providers);

/// <summary>
/// Tokens the answers of one model produced. <c>Complete</c> answers reached their end: their figures are the ones
/// their usage report gave. <c>Cut</c> streams stopped early (the client left, or a stream fault): prompt tokens and
/// the output tokens of the pieces written before the stop (the simulator's count, about four characters a token).
/// </summary>
public sealed record ProducedTokens(int Complete, long CompletePromptTokens, long CompleteOutputTokens,
    int Cut, long CutPromptTokens, long CutOutputTokens)
{
    public static readonly ProducedTokens Empty = new(0, 0, 0, 0, 0, 0);

    public ProducedTokens Add(bool complete, int promptTokens, int outputTokens) => complete
        ? this with { Complete = Complete + 1, CompletePromptTokens = CompletePromptTokens + promptTokens, CompleteOutputTokens = CompleteOutputTokens + outputTokens }
        : this with { Cut = Cut + 1, CutPromptTokens = CutPromptTokens + promptTokens, CutOutputTokens = CutOutputTokens + outputTokens };
}

/// <summary>What the answer of a request tagged <c>[[sim:tag=ID]]</c> produced (the last one, if several carried the tag).</summary>
public sealed record TaggedAnswer(string Provider, string Model, bool Complete, int PromptTokens, int OutputTokens);

/// <summary>
/// Body of <c>GET /_sim/requests</c>: every chat request received, those refused by a free-tier window, the tokens
/// the answers produced per provider and model, and per tag.
/// </summary>
public sealed record RequestCounts(int Total, IReadOnlyDictionary<string, ProviderCounts> Providers, Counts RateLimited,
    IReadOnlyDictionary<string, Dictionary<string, ProducedTokens>> Produced, IReadOnlyDictionary<string, TaggedAnswer> Tagged,
    LeaseArrivals Leases);

/// <summary>
/// Requests measured against the lease deadline the gateway sent with them (<c>x-aiprovider-send-by</c>, the end of the
/// free-window lease each was reserved from; simulator mode only): how many carried one and arrived after it, and every
/// refusal by whether its request arrived while its lease still served (<see cref="RefusedInLease"/>: the windows were
/// over-leased — a fault in lease accounting), after it (<see cref="RefusedLate"/>: it reached a window its lease was not
/// counted in), or without a deadline (<see cref="RefusedUnleased"/>: not leased, e.g. the reactive router).
/// <see cref="InLease"/> describes the first 20 refusals in lease: which window refused, and how early the request was.
/// </summary>
public sealed record LeaseArrivals(int Leased, int ArrivedLate, int RefusedInLease, int RefusedLate, int RefusedUnleased, double MaxRefusedLateSeconds,
    IReadOnlyList<string> InLease);

/// <summary>One window set in <c>GET /_sim/limits</c> (model <c>*</c>: shared by the account's models; null: no such window).</summary>
public sealed record LimitView(string Provider, string Model, long? Rpm, long? Rpd, long? Tpm, long? Tpd, string TimeZone, decimal? MonthlyCreditUsd);

/// <summary>Body of <c>GET /_sim/limits</c>: the free-tier windows in force and whether they are enforced.</summary>
public sealed record LimitList(bool Enforced, IReadOnlyList<LimitView> Limits);

/// <summary>Body of <c>PUT /_sim/limits</c>: enforce the free-tier windows or not.</summary>
public sealed record LimitSwitch(bool? Enforce);

/// <summary>A control API error.</summary>
public sealed record ControlError(string Error);
