using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Auth;

namespace Dapr.AiProvider.Router.Tests.Security;

// Also compiled into tools/benchmark (linked in Benchmark.csproj), which times the auth filters against it.
/// <summary>One shared fixed-window store for several router instances (the Dapr state store's role).</summary>
public sealed class InMemoryRateWindowStore : IRateWindowStore
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public int Calls { get; private set; }

    public Task<(long Granted, long Total)> TakeAsync(string key, long amount, long limit, TimeSpan ttl, CancellationToken cancellationToken)
    {
        lock (_counts)
        {
            Calls++;
            var count = _counts.GetValueOrDefault(key);
            var grant = Math.Max(0, Math.Min(amount, limit - count));
            _counts[key] = count + grant;
            return Task.FromResult((grant, count + grant));
        }
    }
}
