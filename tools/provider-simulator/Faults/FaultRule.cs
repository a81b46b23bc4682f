namespace Dapr.AiProvider.ProviderSimulator.Faults;

/// <summary>
/// A scripted fault: for <see cref="Provider"/> (and <see cref="Model"/>, or every model when null),
/// the next <see cref="Remaining"/> requests (or all, when null, until cleared) get <see cref="Fault"/>.
/// </summary>
internal sealed record FaultRule(string Id, string Provider, string? Model, FaultKind Fault, int? Remaining, double? RetryAfterSeconds)
{
    public bool Matches(string provider, string model) =>
        (Provider == "*" || string.Equals(Provider, provider, StringComparison.OrdinalIgnoreCase))
        && (Model is null || string.Equals(Model, model, StringComparison.OrdinalIgnoreCase));
}
