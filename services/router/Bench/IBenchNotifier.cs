using Dapr.AiProvider.Contracts.Quota;

namespace Dapr.AiProvider.Router.Bench;

/// <summary>Tells the shared quota service that a scope is benched (so every replica and the ledger see it).</summary>
public interface IBenchNotifier
{
    Task BenchAsync(string scope, BenchRequest request, CancellationToken cancellationToken);

    /// <summary>The shared bench of a scope, if any (polled in the background, never per request).</summary>
    Task<DateTimeOffset?> GetBenchedUntilAsync(string scope, CancellationToken cancellationToken);
}
