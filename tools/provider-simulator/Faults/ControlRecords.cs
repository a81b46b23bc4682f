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

/// <summary>Body of <c>GET /_sim/requests</c>: every chat request received, and those refused by a free-tier window.</summary>
public sealed record RequestCounts(int Total, IReadOnlyDictionary<string, ProviderCounts> Providers, Counts RateLimited);

/// <summary>One window set in <c>GET /_sim/limits</c> (model <c>*</c>: shared by the account's models; null: no such window).</summary>
public sealed record LimitView(string Provider, string Model, long? Rpm, long? Rpd, long? Tpm, long? Tpd, string TimeZone);

/// <summary>Body of <c>GET /_sim/limits</c>: the free-tier windows in force and whether they are enforced.</summary>
public sealed record LimitList(bool Enforced, IReadOnlyList<LimitView> Limits);

/// <summary>Body of <c>PUT /_sim/limits</c>: enforce the free-tier windows or not.</summary>
public sealed record LimitSwitch(bool? Enforce);

/// <summary>A control API error.</summary>
public sealed record ControlError(string Error);
