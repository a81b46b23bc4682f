using System.Collections.Concurrent;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Failover;

namespace Dapr.AiProvider.Router.Health;

/// <summary>
/// This replica's outcomes per provider since the last sync (cheap, on the request path), and the
/// merged view of every replica's records read back from the store (off the request path).
/// </summary>
internal sealed class ProviderHealthTracker
{
    private ConcurrentDictionary<string, Observations> _pending = new(StringComparer.OrdinalIgnoreCase);
    private volatile IReadOnlyDictionary<string, ProviderHealth> _shared = new Dictionary<string, ProviderHealth>();

    public void Success(string provider, DateTimeOffset at) => _pending.GetOrAdd(provider, _ => new Observations()).Success(at);

    /// <summary>Counts only the failures that say something about the provider (as the circuit does), not the caller's request.</summary>
    public void Failure(string provider, ErrorClass errorClass, DateTimeOffset at)
    {
        if (errorClass.CountsTowardCircuit())
        {
            _pending.GetOrAdd(provider, _ => new Observations()).Failure(at, ErrorClassNames.Of(errorClass));
        }
    }

    /// <summary>Takes what was seen since the last call.</summary>
    public IReadOnlyDictionary<string, Observations> Drain() =>
        Interlocked.Exchange(ref _pending, new ConcurrentDictionary<string, Observations>(StringComparer.OrdinalIgnoreCase));

    /// <summary>Puts back what could not be written (the next sync retries it).</summary>
    public void Restore(string provider, Observations observations) => _pending.GetOrAdd(provider, _ => new Observations()).Add(observations);

    /// <summary>Every provider's shared record as of the last sync.</summary>
    public IReadOnlyDictionary<string, ProviderHealth> Shared => _shared;

    public void SetShared(IReadOnlyDictionary<string, ProviderHealth> shared) => _shared = shared;

    internal sealed class Observations
    {
        public long Successes;
        public long Failures;
        public DateTimeOffset? LastSuccessAt;
        public DateTimeOffset? LastFailureAt;
        public string? LastError;

        public void Success(DateTimeOffset at)
        {
            lock (this)
            {
                Successes++;
                LastSuccessAt = Later(LastSuccessAt, at);
            }
        }

        public void Failure(DateTimeOffset at, string errorClass)
        {
            lock (this)
            {
                Failures++;
                if (LastFailureAt is null || at >= LastFailureAt)
                {
                    LastFailureAt = at;
                    LastError = errorClass;
                }
            }
        }

        public void Add(Observations other)
        {
            lock (this)
            {
                Successes += other.Successes;
                Failures += other.Failures;
                LastSuccessAt = Later(LastSuccessAt, other.LastSuccessAt);
                if (other.LastFailureAt is { } failedAt && (LastFailureAt is null || failedAt >= LastFailureAt))
                {
                    LastFailureAt = failedAt;
                    LastError = other.LastError;
                }
            }
        }

        internal static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
    }
}
