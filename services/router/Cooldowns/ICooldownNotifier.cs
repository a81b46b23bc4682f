using Dapr.AiProvider.Router.Routing;
using Dapr.AiProvider.Contracts.Quota;

namespace Dapr.AiProvider.Router.Cooldowns;

/// <summary>Tells the shared quota service that a scope is cooling down (quota calls it a bench) (so every replica and the ledger see it).</summary>
internal interface ICooldownNotifier
{
    Task ShareAsync(string scope, BenchRequest request, CancellationToken cancellationToken);

    /// <summary>The shared cooldown of a scope, if any (polled in the background, never per request).</summary>
    Task<DateTimeOffset?> GetSharedUntilAsync(string scope, CancellationToken cancellationToken);
}
