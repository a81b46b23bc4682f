namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>A target's reference to a named policy, checked once every document is merged.</summary>
internal sealed record PolicyReference(ResiliencyYamlFields Fields, string Field, PolicyKind Kind, string Name)
{
    public void Check(ResiliencyModel model)
    {
        var exists = Kind switch
        {
            PolicyKind.Timeout => model.Timeouts.ContainsKey(Name),
            PolicyKind.Retry => model.Retries.ContainsKey(Name),
            _ => model.Breakers.ContainsKey(Name),
        };
        if (!exists)
        {
            throw Fields.Error(Field, $"no {Kind.ToString().ToLowerInvariant()} policy named '{Name}' is defined");
        }
    }
}

internal enum PolicyKind { Timeout, Retry, CircuitBreaker }
