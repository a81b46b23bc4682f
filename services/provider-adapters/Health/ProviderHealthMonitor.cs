using System.Collections.Concurrent;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.ProviderAdapters;

namespace Dapr.AiProvider.ProviderAdapters.Health;

/// <summary>Last known health per provider, fed by real calls and by probes; read as an immutable report.</summary>
internal sealed class ProviderHealthMonitor(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ProviderHealth> _health = new(StringComparer.Ordinal);

    public void Succeeded(string provider)
    {
        var now = time.GetUtcNow();
        _health[provider] = new ProviderHealth { Provider = provider, State = ProviderHealthState.Healthy, CheckedAt = now, LastSuccessAt = now };
    }

    public void Failed(string provider, ErrorClass error) => Observe(provider, StateOf(error), ErrorClassName(error));

    public void Observe(string provider, ProviderHealthState state, string? detail)
    {
        if (state == ProviderHealthState.Healthy)
        {
            Succeeded(provider);
            return;
        }
        var now = time.GetUtcNow();
        _health.AddOrUpdate(provider,
            _ => new ProviderHealth { Provider = provider, State = state, CheckedAt = now, Detail = detail },
            (_, previous) => previous with { State = state, CheckedAt = now, Detail = detail });
    }

    /// <summary>Whether the provider answered successfully within <paramref name="window"/> (then no probe is needed).</summary>
    public bool SucceededWithin(string provider, TimeSpan window) =>
        _health.TryGetValue(provider, out var health) && health.LastSuccessAt is { } at && time.GetUtcNow() - at < window;

    public ProviderHealthReport Report(IEnumerable<string> providers) => new()
    {
        Providers = [.. providers.Select(p => _health.TryGetValue(p, out var h) ? h : new ProviderHealth { Provider = p })],
    };

    /// <summary>Failures that are the request's fault say nothing about the provider.</summary>
    public static ProviderHealthState StateOf(ErrorClass error) => error switch
    {
        ErrorClass.RateLimited or ErrorClass.QuotaExhausted or ErrorClass.Billing => ProviderHealthState.Limited,
        ErrorClass.KeyInvalid => ProviderHealthState.KeyInvalid,
        ErrorClass.Overloaded or ErrorClass.Timeout or ErrorClass.UpstreamError or ErrorClass.StreamInterrupted => ProviderHealthState.Unhealthy,
        _ => ProviderHealthState.Healthy,
    };

    private static string ErrorClassName(ErrorClass error) => ErrorClassNames.Of(error);
}
