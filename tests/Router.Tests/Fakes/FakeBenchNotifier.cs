using System.Collections.Concurrent;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Bench;

namespace Dapr.AiProvider.Router.Tests.Fakes;

public sealed class FakeBenchNotifier : IBenchNotifier
{
    public ConcurrentDictionary<string, BenchRequest> Benches { get; } = new();

    public Task BenchAsync(string scope, BenchRequest request, CancellationToken cancellationToken)
    {
        Benches[scope] = request;
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> GetBenchedUntilAsync(string scope, CancellationToken cancellationToken) =>
        Task.FromResult(Benches.TryGetValue(scope, out var bench) ? bench.Until : (DateTimeOffset?)null);
}
