namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>
/// All Resiliency resources of this app merged (later documents override same-named entries, as
/// daprd decodes them one after another), with daprd's built-in retry policies pre-filled.
/// Immutable once loaded.
/// </summary>
internal sealed class ResiliencyModel
{
    public const string BuiltInServiceRetries = "DaprBuiltInServiceRetries";
    public const string BuiltInActorRetries = "DaprBuiltInActorRetries";

    public Dictionary<string, TimeSpan> Timeouts { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, RetrySpec> Retries { get; } = new(StringComparer.Ordinal)
    {
        [BuiltInServiceRetries] = BuiltIn(),
        [BuiltInActorRetries] = BuiltIn(),
    };
    public Dictionary<string, BreakerSpec> Breakers { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, AppTarget> Apps { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ActorTarget> Actors { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ComponentTarget> Components { get; } = new(StringComparer.Ordinal);
    /// <summary>Names of the loaded resources (metadata.name), for the start-up log.</summary>
    public List<string> ResourceNames { get; } = [];

    /// <summary>Policies for a target's names; names were checked at load.</summary>
    public ResolvedPolicies Resolve(PolicyNames names) => new(
        names.Timeout is { } t && Timeouts.TryGetValue(t, out var timeout) && timeout > TimeSpan.Zero ? timeout : null,
        names.Retry is { } r ? Retries.GetValueOrDefault(r) : null,
        names.CircuitBreaker is { } b ? Breakers.GetValueOrDefault(b) : null);

    /// <summary>
    /// daprd's <c>Default{level}{Kind}Policy</c> lookup: each level in order, then the top-level
    /// <c>Default{Kind}Policy</c>; null when no default of any kind exists.
    /// </summary>
    public PolicyNames? Defaults(params string[] levels)
    {
        var names = new PolicyNames(
            FindDefault(Timeouts, "Timeout", levels),
            FindDefault(Retries, "Retry", levels),
            FindDefault(Breakers, "CircuitBreaker", levels));
        return names is { Timeout: null, Retry: null, CircuitBreaker: null } ? null : names;
    }

    private static string? FindDefault<T>(Dictionary<string, T> policies, string kind, string[] levels)
    {
        foreach (var level in levels)
        {
            var name = $"Default{level}{kind}Policy";
            if (policies.ContainsKey(name))
            {
                return name;
            }
        }

        var topLevel = $"Default{kind}Policy";
        return policies.ContainsKey(topLevel) ? topLevel : null;
    }

    private static RetrySpec BuiltIn() => new()
    {
        Duration = TimeSpan.FromSeconds(1),
        MaxRetries = 3,
        TransportErrorsOnly = true,
    };
}
