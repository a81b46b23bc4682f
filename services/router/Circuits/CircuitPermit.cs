namespace Dapr.AiProvider.Router.Circuits;

/// <summary>Permission to call one provider/model; <see cref="ProbeKey"/> is set when the call is a half-open probe.</summary>
internal sealed record CircuitPermit(string Provider, string Model, string? ProbeKey);
