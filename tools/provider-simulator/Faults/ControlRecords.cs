namespace Dapr.AiProvider.ProviderSimulator.Faults;

/// <summary>Body of <c>POST /_sim/faults</c>.</summary>
public sealed record FaultRequest(string? Provider, string? Model, string? Fault, int? Count, double? RetryAfterSeconds);

/// <summary>A scripted fault as the control API shows it.</summary>
public sealed record FaultView(string Id, string Provider, string? Model, string Fault, int? Remaining, double? RetryAfterSeconds);

/// <summary>Body of <c>GET /_sim/faults</c>.</summary>
public sealed record FaultList(IReadOnlyList<FaultView> Faults);

/// <summary>Requests one provider received, per model.</summary>
public sealed record ProviderCounts(int Total, IReadOnlyDictionary<string, int> Models);

/// <summary>Body of <c>GET /_sim/requests</c>.</summary>
public sealed record RequestCounts(int Total, IReadOnlyDictionary<string, ProviderCounts> Providers);

/// <summary>A control API error.</summary>
public sealed record ControlError(string Error);
