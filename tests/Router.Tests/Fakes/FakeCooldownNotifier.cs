using Dapr.AiProvider.Router.Routing;
using System.Collections.Concurrent;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Cooldowns;

namespace Dapr.AiProvider.Router.Tests.Fakes;

internal sealed class FakeCooldownNotifier : ICooldownNotifier
{
    public ConcurrentDictionary<string, BenchRequest> Shared { get; } = new();

    public Task ShareAsync(string scope, BenchRequest request, CancellationToken cancellationToken)
    {
        Shared[scope] = request;
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> GetSharedUntilAsync(string scope, CancellationToken cancellationToken) =>
        Task.FromResult(Shared.TryGetValue(scope, out var shared) ? shared.Until : (DateTimeOffset?)null);
}
