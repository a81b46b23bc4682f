using Dapr.AiProvider.Router.State;
using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Hosting;
using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Circuits;

/// <summary>Pulls every breaker this replica cares about from the shared store every few seconds.</summary>
internal sealed partial class CircuitRefresher(
    CircuitBreakerRegistry registry, CatalogStore catalog, IOptions<RouterOptions> options, TimeProvider time,
    ILogger<CircuitRefresher> logger) : PeriodicService(time)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.Circuit.RefreshSeconds);

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => registry.RefreshAsync(Keys(), cancellationToken);

    protected override void OnFailing(Exception exception) => Log.RefreshFailed(logger, exception.GetType().Name);

    private List<string> Keys()
    {
        var keys = new HashSet<string>(registry.KnownKeys, StringComparer.Ordinal);
        foreach (var model in catalog.Current.Models)
        {
            keys.Add(StateKeys.ProviderCircuit(model.Provider));
            keys.Add(StateKeys.ModelCircuit(model.Provider, model.Model));
        }
        return [.. keys];
    }

    private static partial class Log
    {
        [LoggerMessage(1211, LogLevel.Warning, "Circuit refresh from the state store failed ({Failure}); keeping the local view")]
        public static partial void RefreshFailed(ILogger logger, string failure);
    }
}
